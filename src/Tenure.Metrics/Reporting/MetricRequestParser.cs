using System.Globalization;

using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Periods;

namespace Tenure.Metrics.Reporting;

/// <summary>
/// The text of a metric request as a surface received it (`tenure metrics` options, GET /api/v1/metrics
/// query parameters), before any parsing: null or blank means "not given".
/// </summary>
public sealed record MetricRequestText
{
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Period { get; init; }
    public string? By { get; init; }

    /// <summary>Comma-separated metric ids; blank: every metric.</summary>
    public string? Metric { get; init; }

    public string? LifespanMonths { get; init; }
    public string? Trailing { get; init; }

    /// <summary>Comma-separated custom survey ids that count as satisfaction surveys.</summary>
    public string? SatisfactionSurveys { get; init; }

    /// <summary>Churn grace in days; blank: the workspace's setting (or 0).</summary>
    public string? ChurnGraceDays { get; init; }
}

/// <summary>How a surface names each parameter of a metric request in its messages, and where its users find the catalogue.</summary>
public sealed record MetricParameterNames(
    string From,
    string To,
    string Period,
    string By,
    string Metric,
    string LifespanMonths,
    string Trailing,
    string SatisfactionSurveys,
    string ChurnGraceDays,
    string CatalogueHint)
{
    /// <summary>`tenure metrics` options.</summary>
    public static MetricParameterNames Cli { get; } = new(
        "--from", "--to", "--period", "--by", "--metric", "--lifespan-months", "--trailing", "--satisfaction-surveys", "--churn-grace-days",
        "`tenure metrics list` shows the catalogue");

    /// <summary>GET /api/v1/metrics query parameters.</summary>
    public static MetricParameterNames Api { get; } = new(
        "from", "to", "period", "by", "metric", "lifespanMonths", "trailing", "satisfactionSurveys", "churnGraceDays",
        "GET /api/v1/metrics/catalog lists the catalogue");
}

/// <summary>A metric request parameter that cannot be used: names the parameter as the surface calls it, and the rule broken.</summary>
public sealed class MetricRequestException(string parameter, string message) : Exception(message)
{
    /// <summary>The parameter as the surface names it (e.g. "--trailing" or "trailing").</summary>
    public string Parameter { get; } = parameter;
}

/// <summary>
/// The one parser and validator of a metric request, behind `tenure metrics` and GET /api/v1/metrics: the
/// same text gives the same <see cref="MetricRequest"/> and <see cref="MetricOptions"/> on both, and the same
/// error message but for the parameter's name. Metric ids are checked against the catalogue and repeated
/// ids are asked for once (first mention keeps its place). The range must lie in the supported calendar
/// (<see cref="RangeBound.IsSupported"/>) and the request within the surface's <see cref="MetricRequestLimits"/>,
/// checked arithmetically before any period is built; the request carries the limits so the engine checks the
/// results once the segments are known.
/// </summary>
public static class MetricRequestParser
{
    /// <summary>The most trailing months clv-subscription may average (100 years).</summary>
    public const int MaxTrailingMonths = 1200;

    /// <summary>The longest customer lifespan a request may assume (100 years), so CLV = margin x lifespan stays far from decimal overflow.</summary>
    public const int MaxLifespanMonths = 1200;

    /// <param name="text">The request as received.</param>
    /// <param name="names">How the surface names the parameters.</param>
    /// <param name="defaultChurnGraceDays">The churn grace when the text gives none (the workspace setting; 0 without one).</param>
    /// <param name="limits">The surface's limits; null: <see cref="MetricRequestLimits.Api"/>, the stricter.</param>
    /// <exception cref="MetricRequestException">A parameter is missing or breaks its rule, or the request is over a limit.</exception>
    public static MetricRequest Parse(MetricRequestText text, MetricParameterNames names, int defaultChurnGraceDays = 0, MetricRequestLimits? limits = null)
    {
        limits ??= MetricRequestLimits.Api;
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(names);
        var from = Instant(text.From, names.From);
        var to = Instant(text.To, names.To);
        if (to <= from)
            throw new MetricRequestException(names.To, $"{names.To} must be after {names.From} (the range is [from, to)).");
        if (!GranularityNames.TryParse(text.Period, out var granularity))
            throw new MetricRequestException(names.Period, $"{names.Period} '{text.Period}' is not one of {GranularityNames.All}.");
        if (!Segmentation.TryParseKey(text.By, out var by))
            throw new MetricRequestException(names.By, $"{names.By} '{text.By}' is not one of {Segmentation.KeyNames}.");
        var metrics = MetricIds(text.Metric, names);
        if (limits.PeriodsProblem(from, to, granularity) is { } tooManyPeriods)
            throw new MetricRequestException(names.Period, tooManyPeriods);
        // At least "all" per period; the engine checks again with the segments of the split.
        var metricCount = metrics.Count > 0 ? metrics.Count : MetricCatalogue.All.Count;
        if (limits.ResultsProblem(PeriodCalendar.Count(from, to, granularity), 1, metricCount) is { } tooManyResults)
            throw new MetricRequestException(names.Metric, tooManyResults);
        var options = new MetricOptions
        {
            LifespanMonths = PositiveDecimal(text.LifespanMonths, names.LifespanMonths),
            TrailingMonths = WholeNumber(text.Trailing, names.Trailing, 1, MaxTrailingMonths, "months"),
            SatisfactionSurveys = new HashSet<string>(List(text.SatisfactionSurveys), StringComparer.Ordinal),
            ChurnGraceDays = WholeNumber(text.ChurnGraceDays, names.ChurnGraceDays, 0, MetricOptions.MaxChurnGraceDays, "days") ?? defaultChurnGraceDays,
        };
        return new MetricRequest(from, to, granularity, by, metrics, options, limits);
    }

    /// <summary>A churn grace as typed by a person (the settings page, a stored setting): 0 to 365 whole days; null when blank.</summary>
    /// <exception cref="MetricRequestException">Not a whole number of days in range.</exception>
    public static int? ChurnGraceDays(string? text, string name) =>
        WholeNumber(text, name, 0, MetricOptions.MaxChurnGraceDays, "days");

    /// <summary>Comma-separated list, blanks dropped: "a, b,,c" -> [a, b, c].</summary>
    public static IReadOnlyList<string> List(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static List<string> MetricIds(string? text, MetricParameterNames names)
    {
        var ids = new List<string>();
        foreach (var id in List(text))
        {
            if (!MetricCatalogue.TryGet(id, out _))
                throw new MetricRequestException(names.Metric, $"{names.Metric}: unknown metric '{id}'; {names.CatalogueHint}.");
            if (!ids.Contains(id, StringComparer.Ordinal))
                ids.Add(id);
        }
        return ids;
    }

    private static DateTime Instant(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new MetricRequestException(name, $"{name} is required (a date such as 2024-01-01).");
        if (RangeBound.TryParse(text, out var instant))
        {
            if (!RangeBound.IsSupported(instant))
                throw new MetricRequestException(name, $"{name} '{text}' is outside the supported calendar ({RangeBound.SupportedText}).");
            return instant;
        }
        throw new MetricRequestException(name, $"{name} '{text}' is not a date (expected yyyy-MM-dd or an ISO-8601 timestamp).");
    }

    private static decimal? PositiveDecimal(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            if (value > MaxLifespanMonths)
                throw new MetricRequestException(name, $"{name} '{text}' must be at most {MaxLifespanMonths} months (100 years).");
            return value;
        }
        throw new MetricRequestException(name, $"{name} '{text}' must be a number more than 0.");
    }

    private static int? WholeNumber(string? text, string name, int min, int max, string unit)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        throw new MetricRequestException(name, $"{name} '{text}' must be a whole number of {unit} from {min} to {max}.");
    }
}
