namespace Tenure.Ingest.Fields;

/// <summary>Booleans as the input files write them: true/false, yes/no, 1/0 in any case; blank is false.</summary>
internal static class Flag
{
    public static bool TryParse(ReadOnlySpan<char> s, out bool value)
    {
        if (s.IsEmpty || s.Equals("false", StringComparison.OrdinalIgnoreCase) || s.Equals("no", StringComparison.OrdinalIgnoreCase) || s is "0")
        {
            value = false;
            return true;
        }
        if (s.Equals("true", StringComparison.OrdinalIgnoreCase) || s.Equals("yes", StringComparison.OrdinalIgnoreCase) || s is "1")
        {
            value = true;
            return true;
        }
        value = false;
        return false;
    }
}
