using System.Text;

namespace Tenure.Storage.Schema;

/// <summary>
/// One string per distinct short text read in a load: the ids and codes that repeat on millions of rows (an
/// account id on each of its usage days, a user id, a plan, a status) come back as the same string instead of
/// a new copy per row, which is most of a loaded tenant's memory and much of its load time.
/// </summary>
/// <remarks>
/// Texts longer than <see cref="MaxPooledLength"/> characters (comments, notes) are not pooled, and the pool stops
/// growing at <see cref="MaxEntries"/> distinct texts (a later text is returned as a new string): the pool lives
/// as long as one load and the strings it returns are ordinary strings, equal to the text read.
/// </remarks>
internal sealed class TextPool
{
    /// <summary>The longest text pooled, in UTF-16 units (and UTF-8 bytes).</summary>
    public const int MaxPooledLength = 64;

    /// <summary>The most distinct texts held.</summary>
    public const int MaxEntries = 4_000_000;

    private readonly HashSet<string> texts = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup;

    public TextPool() => lookup = texts.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The text of <paramref name="utf8"/>: the pooled string when it was read before.</summary>
    public string Of(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxPooledLength)
            return Encoding.UTF8.GetString(utf8);
        Span<char> chars = stackalloc char[MaxPooledLength];
        int length = Encoding.UTF8.GetChars(utf8, chars);
        return Of(chars[..length]);
    }

    /// <summary><paramref name="text"/>, or the pooled string equal to it.</summary>
    public string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxPooledLength)
            return text;
        if (texts.TryGetValue(text, out var pooled))
            return pooled;
        if (texts.Count < MaxEntries)
            texts.Add(text);
        return text;
    }

    private string Of(ReadOnlySpan<char> chars)
    {
        if (lookup.TryGetValue(chars, out var pooled))
            return pooled;
        var text = new string(chars);
        if (texts.Count < MaxEntries)
            texts.Add(text);
        return text;
    }
}
