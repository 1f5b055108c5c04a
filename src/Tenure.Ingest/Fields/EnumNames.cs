namespace Tenure.Ingest.Fields;

/// <summary>
/// The spellings of an enum in the input files ("one_off" for <c>InvoiceKind.OneOff</c>), matched
/// case-insensitively. The list is short, so a linear scan beats hashing.
/// </summary>
internal sealed class EnumNames<T> where T : struct, Enum
{
    private readonly (string Name, T Value)[] _names;

    public EnumNames(params (string Name, T Value)[] names)
    {
        _names = names;
        Expected = string.Join(", ", names.Select(n => n.Name));
    }

    /// <summary>The accepted spellings for an error message: "day, week, month".</summary>
    public string Expected { get; }

    public bool TryParse(ReadOnlySpan<char> s, out T value)
    {
        foreach (var (name, candidate) in _names)
        {
            if (s.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }
}
