using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Catalogue;

/// <summary>
/// A metric of METRICS.md: its stable id, name, formula (as text), unit, the input files it needs
/// and where its definition comes from. <see cref="Calculate"/> computes it from totals, for people
/// who have only the totals (`tenure calc`); the engine uses the same formula on tallies.
/// </summary>
public sealed record MetricDefinition(
    string Id,
    string Name,
    MetricArea Area,
    MetricUnit Unit,
    string Formula,
    InputKind Inputs,
    string Source,
    IReadOnlyList<CalcInput> CalcInputs,
    Func<CalcArguments, MetricValue>? Calculate = null,
    string? Notes = null)
{
    /// <summary>True when the value is a ratio that carries a numerator and a denominator.</summary>
    public bool IsRatio { get; init; }

    /// <summary>True when the value is a duration that carries a median and a p90.</summary>
    public bool IsDuration { get; init; }

    /// <summary>True when this is the default among several variants of the same measure.</summary>
    public bool IsDefault { get; init; }

    /// <summary>
    /// What the denominator counts when it is a sample every surface shows beside the figure ("responses" for
    /// NPS and CSAT: an NPS of 100 from one answer reads "n = 1"); null when the figure needs no such count.
    /// </summary>
    public string? SampleName { get; init; }

    /// <summary>
    /// True when one figure links rows of different accounts (a major case and the child tickets other accounts
    /// opened under it), so the merge of per-account partitions (<see cref="Engine.MetricPartials.Merge"/>) cannot
    /// give it: a scale-out computes it over the whole ticket table (docs/scaling.md). False for every other metric.
    /// </summary>
    public bool CrossesAccounts { get; init; }

    /// <summary>
    /// True when the figure is reported for "all" only, never per segment: it reads an input that names no account (the
    /// costs of costs.csv), so no segment's share of it is known. Split by an attribute, the engine gives such a metric no
    /// segment figure; the figure of a segment's records alone would wrongly count none of the costs.
    /// </summary>
    public bool AllOnly { get; init; }

    /// <summary>
    /// Why the engine can give no figure although every input file is present, and what to do about it (response-rate:
    /// no survey was sent through Tenure); null when the files alone decide. The engine's reason and the dashboards' empty
    /// card say it instead of naming files the user already has.
    /// </summary>
    public NotComputed? WhenNotComputed { get; init; }

    /// <summary>Which way a change is good news (<see cref="Catalogue.Better"/>); stated for every metric.</summary>
    public Better Better { get; init; }

    /// <summary>
    /// The values the figure can take when they differ from its unit's (<see cref="ValueRange.ForUnit"/>): net customer
    /// churn is negative when the base grew, NRR goes above 100 %. Null: the unit's range. Read it through <see cref="Bounds"/>.
    /// </summary>
    public ValueRange? Range { get; init; }

    /// <summary>The values the figure can take: <see cref="Range"/>, or the unit's (a goal outside it is refused).</summary>
    public ValueRange Bounds => Range ?? ValueRange.ForUnit(Unit);
}

/// <summary>Why a metric has no figure from inputs that are all present (<see cref="MetricDefinition.WhenNotComputed"/>), and how to get one.</summary>
public sealed record NotComputed(string Reason, string HowTo);
