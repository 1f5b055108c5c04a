using System.Runtime.InteropServices;

namespace Tenure.Ingest.Csv;

/// <summary>The line each key was first seen on, to report a duplicate key with both places.</summary>
internal sealed class FirstLines<TKey> where TKey : notnull
{
    private readonly Dictionary<TKey, int> _lines = [];

    /// <summary>Records <paramref name="key"/> at <paramref name="line"/>; false, with the earlier line, when it was seen before.</summary>
    public bool TryAdd(TKey key, int line, out int firstLine)
    {
        ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_lines, key, out bool exists);
        if (!exists)
            slot = line;
        firstLine = slot;
        return !exists;
    }
}
