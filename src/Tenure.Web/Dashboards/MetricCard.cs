using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Drilldown;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Reporting;

namespace Tenure.Web.Dashboards;

/// <summary>Whether a change is good news, bad news or neither, for colouring.</summary>
public enum ChangeTone { Neutral, Good, Bad }

/// <summary>
/// One number on a dashboard: the engine's figure for the period (formatted with
/// <see cref="MetricNumbers.ForPeople"/>), its change against the previous period, its definition
/// (tooltip and /metrics/{id}), the drill-down link when the number has accounts behind it, and,
/// when its inputs are missing, what to import instead of a made-up 0.
/// </summary>
public sealed record MetricCard(
    string MetricId,
    string Name,
    MetricUnit Unit,
    decimal? Value,
    string Display,
    decimal? PreviousValue,
    string PreviousDisplay,
    string? Change,
    ChangeTone Tone,
    string Definition,
    IReadOnlyList<CardDrill> Drills,
    EmptyState? Empty,
    IReadOnlyDictionary<string, decimal>? Breakdown = null,
    string? Comparison = null,
    string? Sample = null)
{
    public string ReferenceLink => "/metrics/" + MetricId;

    /// <summary>The view the figure was computed for (period and filter, held to the user's scope): what a goal is compared in and what an export repeats.</summary>
    public DashboardQuery? View { get; init; }

    /// <summary>The drill-down of the number itself (same id as the metric), when it has one.</summary>
    public CardDrill? MainDrill => Drills.FirstOrDefault(d => d.Id == MetricId);

    /// <summary>
    /// Builds the card of <paramref name="metricId"/> from the current and previous results (from <see cref="MetricSeries"/>):
    /// money in whole units of <paramref name="currency"/> (<see cref="CardMoney"/>), <see cref="Comparison"/> saying which
    /// figure is missing when there is no change to show, and <see cref="Sample"/> ("n = 52") for survey scores.
    /// </summary>
    public static MetricCard Of(string metricId, MetricResult current, MetricResult previous, DashboardQuery query, InputKind present, string? currency = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(query);
        var definition = MetricCatalogue.Get(metricId);
        var unit = definition.Unit;
        var value = current.Value.Value;
        var before = previous.Value.Value;
        var empty = current.Unavailable is not null ? EmptyState.For(definition, present) : null;
        IReadOnlyList<CardDrill> drills = empty is null
            ? [.. AccountDrilldown.ForMetric(metricId).Select(d => new CardDrill(d.Id, d.Title, query.DrillLink(d.Id)))]
            : [];
        string Show(decimal? v) => unit == MetricUnit.Money ? CardMoney.Whole(v, currency) : MetricNumbers.ForPeople(v, unit);
        var previousDisplay = Show(before);
        return new MetricCard(
            metricId,
            definition.Name,
            unit,
            value,
            Show(value),
            before,
            previousDisplay,
            ChangeText(value, before, unit),
            ToneOf(metricId, value, before),
            definition.Formula,
            drills,
            empty,
            current.Value.Breakdown,
            ComparisonText(value, before, previousDisplay, query),
            definition.SampleName is { } sample && empty is null
                ? $"n = {MetricNumbers.ForPeople(current.Value.Denominator ?? 0m, MetricUnit.Count)} {(current.Value.Denominator == 1m && sample.EndsWith('s') ? sample[..^1] : sample)}"
                : null)
        { View = query };
    }

    /// <summary>
    /// What the card says when it has no change to show: "no figure for Oct 2026 · Sep 2026: 30.4" (this period has
    /// none, the previous one has), "no figure for Sep 2026 to compare with", or "no figure for Oct 2026 or Sep 2026";
    /// null when both figures are there (the change is shown).
    /// </summary>
    public static string? ComparisonText(decimal? current, decimal? previous, string previousDisplay, DashboardQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return (current, previous) switch
        {
            (null, null) => $"no figure for {query.CurrentLabel} or {query.PreviousLabel}",
            (null, _) => $"no figure for {query.CurrentLabel} · {query.PreviousLabel}: {previousDisplay}",
            (_, null) => $"no figure for {query.PreviousLabel} to compare with",
            _ => null,
        };
    }

    /// <summary>
    /// "+1,234 (+4.1 %)" for money (whole units, the currency is on the figure) and counts, "+1.20 pp" for percentages, "+3.0 pts" for NPS,
    /// "-2.5 h" for durations; null when either figure is missing.
    /// </summary>
    public static string? ChangeText(decimal? current, decimal? previous, MetricUnit unit)
    {
        if (current is not { } c || previous is not { } p) return null;
        var delta = c - p;
        var sign = delta > 0 ? "+" : delta < 0 ? "−" : "±";
        var magnitude = Math.Abs(delta);
        var text = unit switch
        {
            MetricUnit.Percent => sign + magnitude.ToString("#,0.00", System.Globalization.CultureInfo.InvariantCulture) + " pp",
            MetricUnit.Points => sign + magnitude.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " pts",
            MetricUnit.Money => sign + CardMoney.Whole(magnitude, null),
            _ => sign + MetricNumbers.ForPeople(magnitude, unit),
        };
        if (unit is MetricUnit.Money or MetricUnit.Count && p != 0m)
            text += $" ({(delta >= 0 ? "+" : "−")}{Math.Abs(delta / p * 100m).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} %)";
        return text;
    }

    /// <summary>Good when the figure moved the way the metric should (more customers, less churn); neutral for volumes such as tickets.</summary>
    public static ChangeTone ToneOf(string metricId, decimal? current, decimal? previous)
    {
        if (current is not { } c || previous is not { } p || c == p || MetricPolarity.IsNeutral(metricId)) return ChangeTone.Neutral;
        var up = c > p;
        return up == MetricPolarity.HigherIsBetter(metricId) ? ChangeTone.Good : ChangeTone.Bad;
    }
}

/// <summary>A link from a card to the accounts behind (part of) its number.</summary>
public sealed record CardDrill(string Id, string Title, string Href);

/// <summary>Which way is better for each metric (for the colour of a change, never for the figure), as the catalogue states it.</summary>
public static class MetricPolarity
{
    public static bool HigherIsBetter(string metricId) => Of(metricId) != Better.Lower;

    public static bool IsNeutral(string metricId) => Of(metricId) is Better.Neither or Better.Unstated;

    private static Better Of(string metricId) => MetricCatalogue.TryGet(metricId, out var d) ? d.Better : Better.Unstated;
}

/// <summary>
/// What a card shows instead of a number: the input files it needs and how to import them, or, when every file is
/// there, why the metric still has no figure and what to do (<see cref="MetricDefinition.WhenNotComputed"/>).
/// </summary>
public sealed record EmptyState(IReadOnlyList<string> Files, IReadOnlyList<string> ApiRoutes, NotComputed? NotComputed = null)
{
    public string Message => NotComputed is { } why ? $"No data: {why.Reason}." : $"No data: needs {string.Join(", ", Files)}.";

    public string HowTo => NotComputed is { } why
        ? why.HowTo
        : $"Import it with `tenure import DIR` (a directory holding {string.Join(", ", Files)}) or POST {string.Join(", ", ApiRoutes)}.";

    /// <summary>
    /// The missing inputs of <paramref name="definition"/> given the kinds <paramref name="present"/>; with none missing, the
    /// definition's <see cref="MetricDefinition.WhenNotComputed"/>, or every input when it has none.
    /// </summary>
    public static EmptyState For(MetricDefinition definition, InputKind present)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var missing = definition.Inputs & ~present;
        if (missing == InputKind.None && definition.WhenNotComputed is { } why)
            return new EmptyState([], [], why);
        if (missing == InputKind.None) missing = definition.Inputs;
        var files = InputKinds.FileNames(missing).ToList();
        return new EmptyState(files, [.. files.Select(f => "/api/v1/" + f[..^".csv".Length])]);
    }
}
