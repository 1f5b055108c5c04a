namespace Tenure.Demo;

/// <summary>
/// What demo data set to generate. The same options always give the same data: every random draw
/// comes from <see cref="Seed"/>, and time comes from <see cref="AsOf"/>, never from the clock.
/// </summary>
public sealed record DemoOptions
{
    /// <summary>
    /// A fixed "as of" instant for reproducible tests and benchmarks (the data set's last full month
    /// is 2026-10). `tenure demo` does not use it: it generates the data up to today
    /// (<see cref="AsOfToday"/>), so the dashboards' default period (the last complete month by
    /// the clock) always has data.
    /// </summary>
    public static readonly DateTime DefaultAsOf = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    public const int DefaultAccounts = 500;

    public const int DefaultSeed = 1;

    /// <summary>How many accounts; every other volume scales linearly with it (about 15 subscription rows, 50 usage events, 5 tickets and 3 survey responses per account).</summary>
    public int Accounts { get; init; } = DefaultAccounts;

    public int Seed { get; init; } = DefaultSeed;

    /// <summary>
    /// The first instant after the data (exclusive), a UTC midnight. Nothing happens at or after it;
    /// subscriptions still running at it are open-ended (or end at their contract end).
    /// </summary>
    public DateTime AsOf { get; init; } = DefaultAsOf;

    /// <summary>
    /// The start of the two years the data set spans: the first of <see cref="AsOf"/>'s month, two
    /// years back (so every month of the window is whole, except the month of <see cref="AsOf"/>
    /// itself when it is not the 1st: that one holds the days before it). A third of the accounts
    /// were created up to four years earlier still, so the window opens with an existing base
    /// rather than showing every customer as new.
    /// </summary>
    public DateTime WindowStart => new DateTime(AsOf.Year, AsOf.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddYears(-2);

    /// <summary>
    /// The as-of instant for a demo "up to today": today's 00:00 UTC by <paramref name="clock"/>, so
    /// the data holds every day before today and the last full month is last month. The same clock
    /// reading (and seed) gives the same data.
    /// </summary>
    public static DateTime AsOfToday(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateTime.SpecifyKind(clock.GetUtcNow().UtcDateTime.Date, DateTimeKind.Utc);
    }

    /// <summary>Throws <see cref="ArgumentException"/> when an option is out of range.</summary>
    public void Validate()
    {
        if (Accounts is < 1 or > 10_000_000)
            throw new ArgumentException($"The number of accounts must be between 1 and 10,000,000 (was {Accounts}).");
        if (AsOf.Kind != DateTimeKind.Utc || AsOf.TimeOfDay != TimeSpan.Zero)
            throw new ArgumentException("The as-of instant must be a UTC midnight.");
        if (AsOf.Year is < 2000 or > 2200)
            throw new ArgumentException($"The as-of date must be between the years 2000 and 2200 (was {AsOf:yyyy-MM-dd}).");
    }
}
