using Tenure.Metrics.Inputs;
using Tenure.Predictive.Accounts;

namespace Tenure.Predictive.Tests.Accounts;

public sealed class PayingHistoryTests
{
    private static DateTime D(int year, int month, int day) => new(year, month, day, 0, 0, 0, DateTimeKind.Utc);

    private static SubscriptionPeriod Paying(DateTime start, DateTime? end) =>
        new($"S-{start:yyyyMMdd}", "A1", "basic", start, end, 100m, BillingInterval.Month);

    // Sorted by start: Jan-Mar and Mar-Apr touch (one spell), Feb-Mar inside it, then a gap to June; June-Aug and an open
    // period from July overlap (open from then on).
    private static readonly SubscriptionPeriod[] History =
    [
        Paying(D(2024, 1, 1), D(2024, 3, 1)),
        Paying(D(2024, 2, 1), D(2024, 2, 20)),
        Paying(D(2024, 3, 1), D(2024, 4, 1)),
        Paying(D(2024, 6, 1), D(2024, 8, 1)),
        Paying(D(2024, 7, 1), null),
    ];

    [Fact]
    public void Spells_MergeTouchingAndOverlappingPeriods_SplitAtGaps()
    {
        Assert.Equal([new CoverageSpell(D(2024, 1, 1), D(2024, 4, 1)), new CoverageSpell(D(2024, 6, 1), null)], PayingHistory.Spells(History));
    }

    [Fact]
    public void Spells_KnownAt_IgnoreLaterStarts_AndReadLaterEndsAsOpen()
    {
        // At 03-15 the Mar-Apr period's end is not known yet: the first spell is open; June has not started.
        Assert.Equal([new CoverageSpell(D(2024, 1, 1), null)], PayingHistory.Spells(History, D(2024, 3, 15)));
        // At 04-01 (the end itself is known) the spell is closed, June not started.
        Assert.Equal([new CoverageSpell(D(2024, 1, 1), D(2024, 4, 1))], PayingHistory.Spells(History, D(2024, 4, 1)));
        // At 06-01 the June period starts that instant (known) and ends later (open).
        Assert.Equal([new CoverageSpell(D(2024, 1, 1), D(2024, 4, 1)), new CoverageSpell(D(2024, 6, 1), null)], PayingHistory.Spells(History, D(2024, 6, 1)));
        // Before the first start: nothing.
        Assert.Empty(PayingHistory.Spells(History, D(2023, 12, 31)));
    }

    [Fact]
    public void FirstSpell_IsTheFirstOfTheSpells_OrNullWithoutPeriods()
    {
        Assert.Equal(new CoverageSpell(D(2024, 1, 1), D(2024, 4, 1)), PayingHistory.FirstSpell(History));
        // An open period in the first stretch keeps it open, whatever ends after.
        Assert.Equal(new CoverageSpell(D(2024, 1, 1), null), PayingHistory.FirstSpell([Paying(D(2024, 1, 1), null), Paying(D(2024, 2, 1), D(2024, 3, 1))]));
        // A later-starting period ending earlier does not shorten it.
        Assert.Equal(new CoverageSpell(D(2024, 1, 1), D(2024, 5, 1)), PayingHistory.FirstSpell([Paying(D(2024, 1, 1), D(2024, 5, 1)), Paying(D(2024, 2, 1), D(2024, 3, 1))]));
        Assert.Null(PayingHistory.FirstSpell([]));
    }
}
