namespace Tenure.Ingest.Csv;

/// <summary>
/// The account ids one file refers to. With an <see cref="AccountIndex"/> every id must be in it and
/// resolves to the string accounts.csv allocated; without one any id is accepted and pooled per file.
/// </summary>
internal sealed class AccountRefs(AccountIndex? known)
{
    private readonly StringPool _ids = known?.Ids ?? new StringPool();
    private int _last = -1;

    public string this[int index] => _ids[index];

    /// <summary>The ids by index, as they are now.</summary>
    public IReadOnlyList<string> Values => _ids.Values;

    /// <summary>How many ids the pool holds (those of the known accounts, or those seen so far).</summary>
    public int Count => _ids.Count;

    /// <summary>True when the ids are the known accounts' pool, shared by every reader of the same index (never added to).</summary>
    public bool IsKnown => known is not null;

    /// <summary>Where known ids come from, for errors ("accounts.csv").</summary>
    public string Source => known?.Source ?? "accounts.csv";

    /// <summary>The index of <paramref name="id"/>, adding it when new: merging the ids of a file read in chunks (not for known ids, which are never added to).</summary>
    public int Add(string id) =>
        known is null ? _ids.Add(id) : throw new InvalidOperationException("The known accounts' ids are not added to.");

    public bool TryResolve(ReadOnlySpan<char> id, out int index)
    {
        if (_ids.TryNumbered(id, out index))
            return true;
        // Files are often sorted by account, so the previous row's account is the best guess.
        if (_last >= 0 && id.SequenceEqual(_ids[_last]))
        {
            index = _last;
            return true;
        }
        if (known is not null)
        {
            if (!_ids.TryFind(id, out index))
                return false;
        }
        else
        {
            index = _ids.Add(id);
        }
        _last = index;
        return true;
    }
}
