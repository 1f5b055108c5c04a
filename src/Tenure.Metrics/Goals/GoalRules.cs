using System.Globalization;

using Tenure.Metrics.Catalogue;

namespace Tenure.Metrics.Goals;

/// <summary>One thing wrong with a goal as asked for: the field (metric, target, direction, period, csm, segment) and the rule broken.</summary>
public sealed record GoalProblem(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>A goal as asked for (text from a form, the CLI or the API) before it is checked.</summary>
public sealed record GoalRequest(string? Metric, string? Target, string? Direction, string? Period, string? Csm = null, string? Segment = null);

/// <summary>
/// The rules a goal must keep (docs/goals.md), in one place for the page, the API and the CLI: a metric of the
/// catalogue; a target that is a plain decimal number inside the metric's <see cref="MetricDefinition.Bounds"/>
/// (no negative count, no rate above 100 %, no NaN or 1e308: at most <see cref="MaxMagnitude"/> either way) and a
/// whole number for counts; a direction (at_most / at_least), by default the one the catalogue says is better
/// (<see cref="MetricDefinition.Better"/>; a metric that is neither needs it said); a period of month, quarter or year;
/// and at most one of csm and segment, each a value the tenant's accounts have.
/// </summary>
public static class GoalRules
{
    /// <summary>The largest target either way: what decimal(19,4) holds with room, far beyond any real figure.</summary>
    public const decimal MaxMagnitude = 1_000_000_000_000_000m;

    /// <summary>
    /// Checks <paramref name="request"/>; every problem is reported (not only the first). <paramref name="knownCsms"/> and
    /// <paramref name="knownSegments"/> are the values the tenant's accounts.csv holds (null: not checked).
    /// </summary>
    public static (Goal? Goal, IReadOnlyList<GoalProblem> Problems) Check(GoalRequest request, IReadOnlyCollection<string>? knownCsms = null, IReadOnlyCollection<string>? knownSegments = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<GoalProblem>();

        MetricDefinition? definition = null;
        var metric = request.Metric?.Trim();
        if (string.IsNullOrEmpty(metric))
            problems.Add(new("metric", "a metric id is required (see `tenure calc --list` or docs/metrics.md)."));
        else if (!MetricCatalogue.TryGet(metric, out var found))
            problems.Add(new("metric", $"'{metric}' is not a metric of the catalogue (see docs/metrics.md for the ids)."));
        else
            definition = found;

        decimal target = 0m;
        var targetText = request.Target?.Trim();
        if (string.IsNullOrEmpty(targetText))
            problems.Add(new("target", "a target number is required."));
        else if (!decimal.TryParse(targetText, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out target)
            || Math.Abs(target) > MaxMagnitude)
            problems.Add(new("target", $"'{targetText}' is not a number between -{MaxMagnitude:#,0} and {MaxMagnitude:#,0} (plain decimal notation, '.' for decimals)."));
        else if (definition is not null)
        {
            if (!definition.Bounds.Contains(target))
                problems.Add(new("target", $"{MetricNumbers(target)} is impossible for {definition.Id}: its figure is {definition.Bounds}{UnitWords(definition.Unit)}."));
            else if (definition.Unit == MetricUnit.Count && target != decimal.Truncate(target))
                problems.Add(new("target", $"{MetricNumbers(target)} is not a whole number: {definition.Id} is a count."));
        }

        GoalDirection direction = default;
        var directionText = request.Direction?.Trim();
        if (!string.IsNullOrEmpty(directionText))
        {
            if (!GoalNames.TryDirection(directionText, out direction))
                problems.Add(new("direction", $"'{directionText}' is not one of at_most, at_least."));
        }
        else if (definition is not null)
        {
            switch (definition.Better)
            {
                case Better.Lower: direction = GoalDirection.AtMost; break;
                case Better.Higher: direction = GoalDirection.AtLeast; break;
                default: problems.Add(new("direction", $"{definition.Id} is better neither higher nor lower: say at_most or at_least.")); break;
            }
        }

        GoalPeriod period = default;
        var periodText = request.Period?.Trim();
        if (string.IsNullOrEmpty(periodText))
            problems.Add(new("period", "a period is required: month, quarter or year."));
        else if (!GoalNames.TryPeriod(periodText, out period))
            problems.Add(new("period", $"'{periodText}' is not one of month, quarter, year."));

        var scope = GoalScope.All;
        var csm = string.IsNullOrWhiteSpace(request.Csm) ? null : request.Csm.Trim();
        var segment = string.IsNullOrWhiteSpace(request.Segment) ? null : request.Segment.Trim();
        if (csm is not null && segment is not null)
            problems.Add(new("scope", "a goal is for every account, one CSM or one segment: give csm or segment, not both."));
        else if (csm is not null)
        {
            if (knownCsms is not null && !knownCsms.Contains(csm))
                problems.Add(new("csm", $"no account has csm '{csm}' (names are case-sensitive, as in accounts.csv)."));
            scope = GoalScope.Csm(csm);
        }
        else if (segment is not null)
        {
            if (knownSegments is not null && !knownSegments.Contains(segment))
                problems.Add(new("segment", $"no account has segment '{segment}' (values are case-sensitive, as in accounts.csv)."));
            scope = GoalScope.Segment(segment);
        }

        return problems.Count > 0 || definition is null
            ? (null, problems)
            : (new Goal(definition.Id, direction, target, period, scope), problems);
    }

    private static string MetricNumbers(decimal value) => Reporting.MetricNumbers.Invariant(value);

    private static string UnitWords(MetricUnit unit) => unit switch
    {
        MetricUnit.Percent => " (%)",
        MetricUnit.Points => " (points)",
        _ => "",
    };
}
