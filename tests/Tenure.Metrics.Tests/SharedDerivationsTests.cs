using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;

using static Tenure.Metrics.Tests.TestData;

namespace Tenure.Metrics.Tests;

/// <summary>
/// The numbered accounts, coverage and segmentation are built once per data set and shared by the requests over it
/// (docs/adr/0210): a later request with other options, another split or over a changed data set must still see its own.
/// </summary>
public class SharedDerivationsTests
{
    /// <summary>
    /// acme pays 100 a month from 1 January to 20 May and again from 5 June: a gap of 16 days. Without grace it is not a
    /// customer at the end of May: 1 churned customer in May; with 20 days of grace the gap is covered: 0 churned. Asked
    /// alternately over one data set, each request gets the coverage of its own grace.
    /// </summary>
    [Fact]
    public void RequestsWithAnotherChurnGrace_OverOneDataSet_EachSeeTheirOwnCoverage()
    {
        var data = WithSubscriptions(Sub("acme", "2024-01-01", "2024-05-20", 100m, id: "s1"), Sub("acme", "2024-06-05", null, 100m, id: "s2"));
        decimal? ChurnedInMay(int grace) => MetricEngine.Compute(data, new MetricRequest(D("2024-05-01"), D("2024-06-01"), Granularity.Month,
            Metrics: ["churned-customers"], Options: new MetricOptions { ChurnGraceDays = grace })).Value("churned-customers", "2024-05-01").Value;

        Assert.Equal(1m, ChurnedInMay(0));
        Assert.Equal(0m, ChurnedInMay(20));
        Assert.Equal(1m, ChurnedInMay(0));
    }

    /// <summary>Two accounts on plans pro and basic: split by plan there are two segments, unsplit one ("all" = 2 customers).</summary>
    [Fact]
    public void RequestsWithAnotherSplit_OverOneDataSet_EachSeeTheirOwnSegments()
    {
        var data = new TenureDataSet
        {
            Accounts = [Acct("a", plan: "pro"), Acct("b", plan: "basic")],
            Subscriptions = [Sub("a", "2024-01-01", null, 100m), Sub("b", "2024-01-01", null, 50m)],
            Present = InputKind.Accounts | InputKind.Subscriptions,
        };
        IReadOnlyList<MetricResult> Customers(SegmentBy by) =>
            MetricEngine.Compute(data, new MetricRequest(D("2024-05-01"), D("2024-06-01"), Granularity.Month, by, ["customers"]));

        Assert.Equal(["all"], Customers(SegmentBy.None).Select(r => r.Segment));
        var byPlan = Customers(SegmentBy.Plan);
        Assert.Equal(["all", "plan=basic", "plan=pro"], byPlan.Select(r => r.Segment).Order(StringComparer.Ordinal));
        Assert.Equal(1m, byPlan.Value("customers", "2024-05-01", "plan=pro").Value);
        Assert.Equal(2m, byPlan.Value("customers", "2024-05-01").Value);
        Assert.Equal(["all"], Customers(SegmentBy.None).Select(r => r.Segment));
    }

    /// <summary>A data set made from another with <c>with</c> (how a change is applied) gets its own accounts: 1 customer, then 2.</summary>
    [Fact]
    public void ADataSetMadeWithWith_IsNotGivenTheDerivationsOfItsSource()
    {
        var one = WithSubscriptions(Sub("a", "2024-01-01", null, 100m));
        var two = one with { Subscriptions = [.. one.Subscriptions, Sub("b", "2024-02-01", null, 40m)] };

        Assert.Equal(1m, Compute(one, "2024-05-01", "2024-06-01", "customers").Value("customers", "2024-05-01").Value);
        Assert.Equal(2m, Compute(two, "2024-05-01", "2024-06-01", "customers").Value("customers", "2024-05-01").Value);
        Assert.Equal(1m, Compute(one, "2024-05-01", "2024-06-01", "customers").Value("customers", "2024-05-01").Value);
    }

    /// <summary>A list changed in place after a computation (which the product never does) is noticed by its count: 1 customer, then 2.</summary>
    [Fact]
    public void AListGrownInPlaceAfterAComputation_IsSeenByTheNext()
    {
        var subscriptions = new List<SubscriptionPeriod> { Sub("a", "2024-01-01", null, 100m) };
        var data = new TenureDataSet { Subscriptions = subscriptions, Present = InputKind.Subscriptions };

        Assert.Equal(1m, Compute(data, "2024-05-01", "2024-06-01", "customers").Value("customers", "2024-05-01").Value);
        subscriptions.Add(Sub("b", "2024-02-01", null, 40m));
        Assert.Equal(2m, Compute(data, "2024-05-01", "2024-06-01", "customers").Value("customers", "2024-05-01").Value);
    }

    [Fact]
    public void GroupByAccount_TheSameListTwice_HandsBackTheKeptGrouping_AnotherAccountOfIsGroupedAgain()
    {
        var data = new TenureDataSet
        {
            Accounts = [Acct("a"), Acct("b")],
            Subscriptions = [Sub("b", "2024-01-01", null, 1m, id: "x"), Sub("a", "2024-01-01", null, 2m, id: "y"), Sub("b", "2024-03-01", null, 3m, id: "z")],
            Present = InputKind.Accounts | InputKind.Subscriptions,
        };
        var directory = AccountDirectory.Build(data);

        Func<SubscriptionPeriod, string?> accountOf = s => s.AccountId;
        var first = directory.GroupByAccount(data.Subscriptions, accountOf);
        Assert.Equal(["y", "x", "z"], first.Items.Select(s => s.SubscriptionId));
        Assert.Equal([0, 1, 3], first.Offsets);
        var again = directory.GroupByAccount(data.Subscriptions, accountOf);
        Assert.Same(first.Items, again.Items);
        Assert.Same(first.Offsets, again.Offsets);

        // Other code naming the accounts (here: every row in account "a") is not handed the kept grouping, nor is the
        // same lambda capturing another account.
        var other = directory.GroupByAccount(data.Subscriptions, _ => "a");
        Assert.Equal([0, 3, 3], other.Offsets);
        foreach (var (id, offsets) in new[] { ("a", new[] { 0, 3, 3 }), ("b", new[] { 0, 0, 3 }) })
            Assert.Equal(offsets, directory.GroupByAccount(data.Subscriptions, _ => id).Offsets);
        Assert.Same(first.Items, directory.GroupByAccount(data.Subscriptions, accountOf).Items);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // usage as a table, as a server loads it
    public void RowsOfAccount_GivesEachAccountsRowsInTheirOrder_NoneForAnUnknownId_AndViewsRowsInAccountOrder(bool asTable)
    {
        var may1 = D("2024-05-01");
        // B's rows around A's (not in account order); Z only in usage; A listed first in accounts.csv.
        UsageDay[] scattered = [new("B", "u2", may1, 1), new("A", "u1", may1, 2), new("B", null, may1.AddDays(1), 3), new("Z", "u9", may1, 4), new("A", "u1", may1.AddDays(2), 5)];
        UsageDay[] inOrder = [scattered[1], scattered[4], scattered[0], scattered[2], scattered[3]];
        Account[] accounts = [new("A", "Acme", may1), new("B", "Globex", may1)];
        IReadOnlyList<UsageDay> Held(UsageDay[] rows) => asTable ? UsageDayTable.From(rows) : rows;

        foreach (var rows in new[] { scattered, inOrder })
        {
            var data = new TenureDataSet { Accounts = accounts, Usage = Held(rows), Present = InputKind.Accounts | InputKind.Usage };
            var of = DataSetDerivations.RowsOfAccount(data, data.Usage, InputKinds.Usage.AccountIdOf!);
            Assert.Equal([2, 5], of("A").Select(u => u.Events));
            Assert.Equal([1, 3], of("B").Select(u => u.Events));
            Assert.Equal([4], of("Z").Select(u => u.Events));
            Assert.Empty(of("nobody"));
        }

        var ordered = new TenureDataSet { Accounts = accounts, Usage = Held(inOrder), Present = InputKind.Accounts | InputKind.Usage };
        var b = DataSetDerivations.RowsOfAccount(ordered, ordered.Usage, InputKinds.Usage.AccountIdOf!)("B");
        if (asTable)
            Assert.True(((UsageDayTable)ordered.Usage).Rows.Overlaps(Assert.IsType<UsageDayTable>(b).Rows)); // a view of the table
        else
            Assert.Same(inOrder, Assert.IsType<ArraySegment<UsageDay>>(b).Array); // a view of the array
    }
}
