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

    [Fact]
    public void PayingPeriodsByAccount_OfADataSet_AndOfItsSegment_AreTheListsOfTheirPeriods()
    {
        // Out of account order, periods of equal start, a free period (not paying), an account without subscriptions.
        SubscriptionPeriod[] subscriptions =
        [
            new("S1", "B", "pro", D(2024, 3, 1), D(2024, 4, 1), 50m, BillingInterval.Month),
            new("S2", "A", "basic", D(2024, 2, 1), null, 10m, BillingInterval.Month),
            new("S3", "B", "pro", D(2024, 1, 1), D(2024, 2, 1), 50m, BillingInterval.Month),
            new("S4", "A", "free", D(2024, 1, 1), D(2024, 2, 1), 0m, BillingInterval.Month),
            new("S5", "C", "basic", D(2024, 5, 1), null, 10m, BillingInterval.Month),
            new("S6", "B", "pro", D(2024, 1, 1), D(2024, 3, 1), 60m, BillingInterval.Month),
        ];
        var data = new TenureDataSet
        {
            // Listed out of id order: the lists come in ordinal id order all the same.
            Accounts = [new Account("D", "D", D(2023, 1, 1), Region: "emea"), new Account("C", "C", D(2023, 1, 1), Region: "emea"),
                new Account("A", "A", D(2023, 1, 1), Region: "emea"), new Account("B", "B", D(2023, 1, 1), Region: "na")],
            Subscriptions = subscriptions,
        };

        var whole = PayingHistory.PayingPeriodsByAccount(data);
        Assert.Equal(["A", "B", "C"], whole.Select(p => p.Key));
        Assert.Equal(["S2"], whole[0].Value.Select(s => s.SubscriptionId));
        // B's in start order; the two of 01-01 in their order in the list (S3 before S6), as the dictionary's sort leaves them.
        var byId = PayingHistory.PayingPeriodsByAccount(subscriptions);
        Assert.Equal(byId["B"].Select(s => s.SubscriptionId), whole[1].Value.Select(s => s.SubscriptionId));
        Assert.Equal("S1", whole[1].Value[^1].SubscriptionId);
        Assert.Equal(["S5"], whole[2].Value.Select(s => s.SubscriptionId));

        // A segment's, its accounts numbered from the whole's directory: the same records.
        var emea = new Tenure.Metrics.Drilldown.SegmentFilter(Region: "emea").Apply(data);
        var segment = PayingHistory.PayingPeriodsByAccount(emea);
        Assert.Equal(["A", "C"], segment.Select(p => p.Key));
        Assert.Same(subscriptions[1], segment[0].Value.Single());
        Assert.Same(subscriptions[4], segment[1].Value.Single());
    }
}
