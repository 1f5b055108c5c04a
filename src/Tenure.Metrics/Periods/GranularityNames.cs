namespace Tenure.Metrics.Periods;

/// <summary>How every surface names a <see cref="Granularity"/>: day, week, month, quarter, year, range.</summary>
public static class GranularityNames
{
    /// <summary>"day, week, month, quarter, year, range", for messages.</summary>
    public static string All { get; } = string.Join(", ", Enum.GetValues<Granularity>().Select(Name));

    public static string Name(Granularity granularity) => granularity.ToString().ToLowerInvariant();

    /// <summary>
    /// The granularity <paramref name="text"/> names (any case, surrounding blanks ignored); blank means
    /// <see cref="Granularity.Month"/>, the default everywhere. False for any other text.
    /// </summary>
    public static bool TryParse(string? text, out Granularity granularity)
    {
        granularity = Granularity.Month;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        var name = text.Trim();
        foreach (var candidate in Enum.GetValues<Granularity>())
        {
            if (string.Equals(Name(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                granularity = candidate;
                return true;
            }
        }
        return false;
    }
}
