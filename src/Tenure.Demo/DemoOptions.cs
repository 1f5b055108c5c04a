namespace Tenure.Demo;

/// <summary>
/// What demo data set to generate. The same options always give the same data: every random draw
/// comes from <see cref="Seed"/>, and time comes from <see cref="AsOf"/>, never from the clock.
/// </summary>
public sealed record DemoOptions
{
    /// <summary>The default "as of" instant: the data set's last full month is 2026-10.</summary>
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
    /// The start of the two years the data set spans, <see cref="AsOf"/> minus two years. A third
    /// of the accounts were created up to four years earlier still, so the window opens with an
    /// existing base rather than showing every customer as new.
    /// </summary>
    public DateTime WindowStart => AsOf.AddYears(-2);

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
