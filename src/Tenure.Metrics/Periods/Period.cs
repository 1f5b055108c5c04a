namespace Tenure.Metrics.Periods;

/// <summary>
/// A half-open range of UTC instants [<see cref="Start"/>, <see cref="End"/>) with the granularity
/// it was cut at. A change at instant t belongs to the period that contains t.
/// </summary>
public readonly record struct Period
{
    public Period(DateTime start, DateTime end, Granularity granularity)
    {
        if (start.Kind != DateTimeKind.Utc || end.Kind != DateTimeKind.Utc)
            throw new ArgumentException("Period bounds must be UTC instants.");
        if (end <= start)
            throw new ArgumentException($"A period must end after it starts ({start:O} .. {end:O}).");
        Start = start;
        End = end;
        Granularity = granularity;
    }

    /// <summary>The first instant inside the period.</summary>
    public DateTime Start { get; }

    /// <summary>The first instant after the period (exclusive).</summary>
    public DateTime End { get; }

    public Granularity Granularity { get; }

    public bool Contains(DateTime instant) => instant >= Start && instant < End;

    public double Days => (End - Start).TotalDays;

    /// <summary>
    /// The length in months: whole calendar months when the period is made of them (month = 1,
    /// quarter = 3, year = 12, an aligned custom range of months), otherwise days / (365 / 12).
    /// </summary>
    public decimal Months
    {
        get
        {
            if (Start.Day == 1 && End.Day == 1 && Start.TimeOfDay == TimeSpan.Zero && End.TimeOfDay == TimeSpan.Zero)
                return (End.Year - Start.Year) * 12 + End.Month - Start.Month;
            return (decimal)(End - Start).TotalDays / (365m / 12m);
        }
    }

    public override string ToString() => $"{Start:yyyy-MM-dd}..{End:yyyy-MM-dd}";
}
