using Tenure.Metrics.Inputs;

namespace Tenure.Demo.Simulation;

/// <summary>
/// Simulates one account's life and writes its records into a <see cref="DemoBatch"/>. A latent
/// monthly health (0..1) drives everything: usage, survey scores, tickets, expansion and churn, so
/// low usage, bad scores and many tickets come before churn, as a churn model expects.
/// </summary>
/// <remarks>
/// The order of work per account is fixed (subscriptions, users and usage, support, feedback,
/// work, a slipping customer's last months, the account row) and every draw comes from the account's own stream, so one account's
/// records depend only on the seed, its index and the shared world.
/// </remarks>
internal sealed partial class AccountSimulator(DemoWorld world, DemoBatch batch)
{
    private const int Smb = 0;
    private const int MidMarket = 1;
    private const int Enterprise = 2;

    private readonly DateTime asOf = world.AsOf;

    // The account being simulated.
    private Random rng = null!;
    // Reopens draw from a stream of their own, so adding them left every other record as it was.
    private Random reopenRng = null!;
    private string accountId = "";
    private DateTime createdAt;
    private int segment;
    private int region;
    private int industry;
    private string csm = "";
    private double[] health = new double[64];
    private int healthLength;
    private int healthBaseMonth;

    public void Simulate(int index)
    {
        rng = new Random(DemoRandom.StreamSeed(world.Options.Seed, index));
        reopenRng = new Random(DemoRandom.StreamSeed(world.Options.Seed, -2 - index));
        accountId = world.AccountIds.Next();
        createdAt = world.CreatedAt[index];
        segment = rng.PickWeighted(Vocabulary.SegmentWeights);
        region = rng.PickWeighted(Vocabulary.RegionWeights);
        industry = rng.PickWeighted(Vocabulary.IndustryWeights);
        csm = rng.Pick(Vocabulary.CsmsBySegment[segment]);
        PlanHealth();

        SimulateSubscriptions();
        SimulateUsers();
        var usageStart = batch.UsageList.Count;
        SimulateUsage();
        SimulateSupport();
        SimulateFeedback();
        SimulateWork();
        Slip(index, usageStart);
        WriteAccount(index);
    }

    /// <summary>
    /// The account's health per calendar month from its creation to the as-of month: a
    /// mean-reverting walk around a level set by industry (its NPS benchmark) and segment, with
    /// occasional shocks (a champion leaves, an outage) that drag it down for a few months.
    /// </summary>
    private void PlanHealth()
    {
        var level = 0.6 + ((Vocabulary.Industries[industry].BenchmarkNps - 45) / 350.0) + (segment == Enterprise ? 0.04 : 0) + rng.Normal(0, 0.13);
        level = DemoRandom.Clamp(level, 0.12, 0.93);
        healthBaseMonth = MonthNumber(createdAt);
        healthLength = MonthNumber(asOf) - healthBaseMonth + 1;
        if (health.Length < healthLength)
            health = new double[healthLength * 2];
        var h = DemoRandom.Clamp(level + rng.Normal(0, 0.08), 0.02, 0.99);
        for (var m = 0; m < healthLength; m++)
        {
            if (m > 0)
            {
                h += (0.2 * (level - h)) + rng.Normal(0, 0.06);
                if (rng.Chance(0.02))
                    h -= rng.Uniform(0.15, 0.35);
                h = DemoRandom.Clamp(h, 0.02, 0.99);
            }
            health[m] = h;
        }
    }

    /// <summary>The account's health in the month holding <paramref name="instant"/>.</summary>
    private double Health(DateTime instant)
    {
        var m = MonthNumber(instant) - healthBaseMonth;
        return health[m < 0 ? 0 : m >= healthLength ? healthLength - 1 : m];
    }

    private static int MonthNumber(DateTime instant) => (instant.Year * 12) + instant.Month - 1;

    /// <summary>A random instant in the region's business day on the day of <paramref name="day"/>.</summary>
    private DateTime BusinessTime(DateTime day)
    {
        var hour = Vocabulary.RegionFirstHour[region] + (rng.NextDouble() * 9);
        return day.Date.AddSeconds(Math.Floor(hour * 3600));
    }

    /// <summary>A random day in [from, to) (both UTC midnights or instants; the result is a midnight).</summary>
    private DateTime DayBetween(DateTime from, DateTime to)
    {
        var first = from.Date == from ? from : from.Date.AddDays(1);
        var days = (int)(to - first).TotalDays;
        return days <= 0 ? first : first.AddDays(rng.Next(days));
    }

    /// <summary>The instant cut to whole seconds, as the CSV files write it, so in-memory and written data agree.</summary>
    private static DateTime WholeSeconds(DateTime instant) => new(instant.Ticks - (instant.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private void WriteAccount(int index)
    {
        string name;
        if (index % 89 == 17)
        {
            name = Vocabulary.AwkwardNames[(index / 89) % Vocabulary.AwkwardNames.Length];
        }
        else
        {
            var words = IndustryWords[industry];
            name = rng.Pick(Vocabulary.NamePrefixes) + rng.Pick(Vocabulary.NameCores) + " " + rng.Pick(words)
                + (rng.Chance(0.6) ? " " + rng.Pick(Vocabulary.NameSuffixes) : "");
        }
        decimal? acquisitionCost = null;
        if (rng.Chance(0.9))
        {
            var (min, max) = segment switch
            {
                Smb => (250.0, 900.0),
                MidMarket => (2000.0, 6500.0),
                _ => (9000.0, 35000.0),
            };
            acquisitionCost = Math.Round((decimal)rng.Uniform(min, max), 2);
        }
        batch.AccountList.Add(new Account(
            accountId,
            name,
            createdAt,
            Vocabulary.Segments[segment],
            Vocabulary.Industries[industry].Name,
            lastPlan,
            csm,
            Vocabulary.Regions[region],
            acquisitionCost,
            Vocabulary.Currency));
    }

    private static readonly string[][] IndustryWords =
    [
        ["Software", "Labs", "Systems"],
        ["Capital", "Finance", "Bank"],
        ["Health", "Care", "Clinics"],
        ["Store", "Shop", "Commerce"],
        ["Academy", "Learning", "School"],
        ["Insurance", "Assurance", "Mutual"],
        ["Consulting", "Advisors", "Partners"],
        ["Media", "Digital", "Creative"],
        ["Builders", "Construction", "Homes"],
        ["Logistics", "Freight", "Transport"],
        ["Cloud", "App", "Platform"],
    ];
}
