namespace Tenure.Demo.Simulation;

/// <summary>
/// What the accounts of one data set share: the options, when each account was created (ids are
/// in creation order), the id sequences, the incidents, and the monthly counts the cost model
/// needs. Filled in account order, so generation is sequential and exactly repeatable.
/// </summary>
internal sealed class DemoWorld
{
    public DemoWorld(DemoOptions options)
    {
        Options = options;
        AsOf = options.AsOf;
        WindowStart = options.WindowStart;
        var master = new Random(DemoRandom.StreamSeed(options.Seed, -1));
        CreatedAt = PlanSignups(options, master);
        Incidents = new MajorIncidentPlan(options, master);
        AccountIds = new IdSequence("acc_", Math.Max(6, options.Accounts.ToString(System.Globalization.CultureInfo.InvariantCulture).Length));
        // A partial last month (an as-of day after the 1st) is a window month too.
        WindowMonths = ((AsOf.Year - WindowStart.Year) * 12) + AsOf.Month - WindowStart.Month + (AsOf.Day > 1 ? 1 : 0);
        ActiveAtMonthStart = new int[WindowMonths];
        NewInMonth = new int[WindowMonths];
    }

    /// <summary>The share of accounts created before the window, and how far back they go.</summary>
    public const double HistoryShare = 0.33;

    public const int HistoryYears = 4;

    public DemoOptions Options { get; }

    public DateTime AsOf { get; }

    public DateTime WindowStart { get; }

    /// <summary>The first interaction of each account, in ascending order (account i was created at CreatedAt[i]).</summary>
    public DateTime[] CreatedAt { get; }

    public MajorIncidentPlan Incidents { get; }

    public IdSequence AccountIds { get; }
    public IdSequence SubscriptionIds { get; } = new("sub_", 7);
    public IdSequence InvoiceIds { get; } = new("inv_", 8);
    public IdSequence UserIds { get; } = new("usr_", 7);
    public IdSequence ResponseIds { get; } = new("rsp_", 7);
    public IdSequence TicketIds { get; } = new("tkt_", 7);
    public IdSequence OfferIds { get; } = new("off_", 6);
    public IdSequence ReferralIds { get; } = new("ref_", 6);
    public IdSequence TaskIds { get; } = new("tsk_", 7);
    public IdSequence NoteIds { get; } = new("note_", 6);

    /// <summary>Calendar months that start in [WindowStart, AsOf) (the last one may be partial).</summary>
    public int WindowMonths { get; }

    /// <summary>Paying accounts at the start of each window month (for the cost model).</summary>
    public int[] ActiveAtMonthStart { get; }

    /// <summary>Accounts whose first paying period starts in each window month.</summary>
    public int[] NewInMonth { get; }

    /// <summary>How many survey comments have been written, to place the awkward ones.</summary>
    public int CommentCount { get; set; }

    /// <summary>The window month index of <paramref name="instant"/>, or -1 when outside the window.</summary>
    public int WindowMonthOf(DateTime instant)
    {
        if (instant < WindowStart || instant >= AsOf)
            return -1;
        return (instant.Year - WindowStart.Year) * 12 + instant.Month - WindowStart.Month;
    }

    private static DateTime[] PlanSignups(DemoOptions options, Random random)
    {
        // A third of the accounts predate the window (up to four more years back); the rest sign
        // up in the window, seasonally, with the business growing over time.
        var historyStart = options.WindowStart.AddYears(-HistoryYears);
        var months = new List<(DateTime Month, double Weight, bool History)>();
        for (var m = historyStart; m < options.AsOf; m = m.AddMonths(1))
        {
            var history = m < options.WindowStart;
            var season = Vocabulary.SignupSeasonality[m.Month - 1];
            var position = (m - historyStart).TotalDays / (options.AsOf - historyStart).TotalDays;
            // The as-of month, when partial, gets its share of signups for the days it has.
            var share = Math.Min(1.0, (options.AsOf - m).TotalDays / DateTime.DaysInMonth(m.Year, m.Month));
            months.Add((m, season * (0.7 + (0.5 * position)) * share, history));
        }
        var historyWeights = months.Select(m => m.History ? m.Weight : 0).ToArray();
        var windowWeights = months.Select(m => m.History ? 0 : m.Weight).ToArray();

        var created = new DateTime[options.Accounts];
        for (var i = 0; i < created.Length; i++)
        {
            var weights = random.Chance(HistoryShare) ? historyWeights : windowWeights;
            var month = months[random.PickWeighted(weights)].Month;
            var days = Math.Min(DateTime.DaysInMonth(month.Year, month.Month), (int)(options.AsOf - month).TotalDays);
            var seconds = Math.Floor(random.Uniform(7, 21) * 3600);
            created[i] = month.AddDays(random.Next(days)).AddSeconds(seconds);
        }
        Array.Sort(created);
        return created;
    }
}
