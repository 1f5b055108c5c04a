namespace Tenure.Demo.Simulation;

/// <summary>
/// A product-wide problem (an outage, a broken integration): the first affected account files the
/// major ticket, others file child tickets pointing at it. <see cref="Region"/> is -1 when every
/// region is affected.
/// </summary>
internal sealed class MajorIncident(DateTime at, int region, double childChance, TimeSpan duration)
{
    public DateTime At { get; } = at;

    public int Region { get; } = region;

    /// <summary>The chance that an affected, paying account files a child ticket.</summary>
    public double ChildChance { get; } = childChance;

    public TimeSpan Duration { get; } = duration;

    /// <summary>Set when the first affected account (in generation order) files the major ticket.</summary>
    public string? ParentTicketId { get; set; }

    public int Children { get; set; }
}

/// <summary>The incidents of a data set in time order, planned up front from the seed.</summary>
internal sealed class MajorIncidentPlan
{
    private readonly DateTime[] times;

    public MajorIncidentPlan(DemoOptions options, Random random)
    {
        // About one incident per 250 accounts over the two years, each drawing ~6 child tickets.
        var count = Math.Max(3, (int)Math.Round(options.Accounts / 250.0));
        var window = (options.AsOf - options.WindowStart).TotalDays;
        var incidents = new MajorIncident[count];
        for (var i = 0; i < count; i++)
        {
            var region = random.Chance(0.3) ? -1 : random.PickWeighted(Vocabulary.RegionWeights);
            var share = region < 0 ? 1.0 : Vocabulary.RegionWeights[region];
            var day = options.WindowStart.AddDays(Math.Floor(random.NextDouble() * (window - 1)));
            var hour = Vocabulary.RegionFirstHour[region < 0 ? 0 : region] + random.NextDouble() * 9;
            var at = day.AddSeconds(Math.Floor(hour * 3600));
            var childChance = Math.Min(0.5, 6.0 / (options.Accounts * 0.5 * share));
            incidents[i] = new MajorIncident(at, region, childChance, TimeSpan.FromMinutes(random.Between(90, 720)));
        }
        Array.Sort(incidents, (a, b) => a.At.CompareTo(b.At));
        Incidents = incidents;
        times = incidents.Select(i => i.At).ToArray();
    }

    public IReadOnlyList<MajorIncident> Incidents { get; }

    /// <summary>The index of the first incident at or after <paramref name="instant"/> (Count when none).</summary>
    public int FirstAtOrAfter(DateTime instant)
    {
        var i = Array.BinarySearch(times, instant);
        if (i < 0)
            return ~i;
        while (i > 0 && times[i - 1] == instant)
            i--;
        return i;
    }
}
