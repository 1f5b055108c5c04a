using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Drilldown;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;

namespace Tenure.Demo.Tests;

/// <summary>
/// A segment's data set (<see cref="SegmentFilter.Apply"/>) numbers its accounts from the whole data set's directory instead
/// of looking every record's id up again, and copies its ticket columns from the whole's (docs/adr/0230). The numbers, the
/// groupings and so every figure must be those of derivations built from the segment's records alone: checked on the demo's 2,000 accounts read back with the real reader,
/// with records the filter rules treat apart added (an account id accounts.csv does not list, a repeated accounts.csv row,
/// a task owned by one csm on another's account).
/// </summary>
public sealed class SegmentFilterNarrowingTests(DemoFixture fixture)
{
    private static readonly DateTime From = new(2024, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime To = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    private TenureDataSet Data()
    {
        var data = fixture.ReadBack.DataSet!;
        var first = data.Accounts[0];
        var other = data.Accounts.First(a => a.Csm != first.Csm && a.Csm is not null);
        var at = From.AddMonths(3);
        return data with
        {
            // accounts.csv's first row again, with other attributes: the first row is the account.
            Accounts = [.. data.Accounts, first with { Plan = "repeated-row", Csm = other.Csm }],
            // An account id accounts.csv does not list: no attributes, so in the "(none)" segments only.
            Tickets = [.. data.Tickets, new Ticket("T-unlisted", "Z-unlisted", at, at.AddHours(2), at.AddHours(5))],
            Surveys = [.. data.Surveys, new SurveyResponse("R-unlisted", "nps", "Z-unlisted", null, 3, Scale.ZeroToTen, null, at)],
            // A task of the first account owned by another csm: in that csm's segment, its account with it.
            // A task of the first account owned by another csm: in that csm's segment, its account with it; and one of an
            // unlisted account named by no earlier kind (numbered after Z-unlisted, as the kinds come).
            Tasks =
            [
                new CsTask("K-unlisted", null, "Z-task-only", null, at), .. data.Tasks,
                new CsTask("K-crossed", other.Csm, first.AccountId, null, at, at.AddDays(3), at.AddDays(1)),
            ],
        };
    }

    public static TheoryData<string> Filters =>
    [
        "csm", "plan", "region", "csm+plan", "plan+region", "none-region", "none-plan+none-csm",
    ];

    private static SegmentFilter Filter(TenureDataSet data, string name)
    {
        var first = data.Accounts[0];
        var other = data.Accounts.First(a => a.Csm != first.Csm && a.Csm is not null);
        return name switch
        {
            "csm" => new SegmentFilter(Csm: other.Csm),
            "plan" => new SegmentFilter(Plan: first.Plan),
            "region" => new SegmentFilter(Region: first.Region),
            "csm+plan" => new SegmentFilter(Csm: other.Csm, Plan: first.Plan),
            "plan+region" => new SegmentFilter(Plan: first.Plan, Region: first.Region),
            "none-region" => new SegmentFilter(Region: Segmentation.NoneValue),
            _ => new SegmentFilter(Csm: Segmentation.NoneValue, Plan: Segmentation.NoneValue),
        };
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public void Apply_NumbersTheSegmentsAccountsAsABuiltDirectoryDoes(string name)
    {
        var data = Data();
        var segment = Filter(data, name).Apply(data);

        var narrowed = new MetricContext(segment, new MetricRequest(From, To, Granularity.Month, SegmentBy.None, ["customers"])).Accounts;
        var built = AccountDirectory.Build(segment);

        Assert.Equal(built.Count, narrowed.Count);
        for (var a = 0; a < built.Count; a++)
            Assert.Same(built.Accounts[a], narrowed.Accounts[a]);
        foreach (var kind in InputKinds.All)
        {
            kind.ForEachAccountId(segment, id =>
            {
                if (id is not null)
                    Assert.Equal(built.IndexOf(id), narrowed.IndexOf(id));
            });
        }
        Assert.Equal(-1, narrowed.IndexOf("not-an-account"));
        AssertSameGroups(built, narrowed, segment.Tickets, InputKinds.Tickets.AccountIdOf!);
        AssertSameGroups(built, narrowed, segment.Subscriptions, InputKinds.Subscriptions.AccountIdOf!);
        AssertSameGroups(built, narrowed, segment.Invoices, InputKinds.Invoices.AccountIdOf!);
        AssertSameGroups(built, narrowed, segment.Tasks, InputKinds.Tasks.AccountIdOf!);
        AssertSameGroups(built, narrowed, segment.Surveys, InputKinds.Surveys.AccountIdOf!);
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public void Apply_GivesEveryMetricAsTheSegmentBuiltFromItsRecordsAlone(string name)
    {
        var data = Data();
        string[] metrics = [.. MetricCatalogue.All.Select(d => d.Id)];
        var options = new MetricOptions { TrailingMonths = 6 };
        // The whole data set computed first, as a server's is: the segment's kept derivations (ticket columns, business
        // hours) are then narrowed from the whole's instead of built.
        MetricEngine.Compute(data, new MetricRequest(From, To, Granularity.Month, SegmentBy.None, metrics, options));
        var segment = Filter(data, name).Apply(data);
        // A copy holding the same records gets derivations of its own, built from its records as any data set's are.
        var alone = segment with { };

        foreach (var by in new[] { SegmentBy.None, SegmentBy.Csm })
        {
            var request = new MetricRequest(From, To, Granularity.Month, by, metrics, options);
            var expected = AccountPartitionMergeTests.Figures(MetricEngine.Compute(alone, request));
            var actual = AccountPartitionMergeTests.Figures(MetricEngine.Compute(segment, request));

            Assert.Equal(expected.Count, actual.Count);
            foreach (var (key, figure) in expected)
                Assert.True(actual.TryGetValue(key, out var got) && got == figure, $"{name}, {key}: alone {figure}, narrowed {got}");
        }
    }

    private static void AssertSameGroups<T>(AccountDirectory built, AccountDirectory narrowed, IReadOnlyList<T> items, Func<T, string?> accountOf)
        where T : class
    {
        var (builtItems, builtOffsets) = built.GroupByAccount(items, accountOf);
        var (narrowedItems, narrowedOffsets) = narrowed.GroupByAccount(items, accountOf);
        Assert.Equal(builtOffsets, narrowedOffsets);
        Assert.Equal(builtItems.Length, narrowedItems.Length);
        for (var i = 0; i < builtItems.Length; i++)
            Assert.Same(builtItems[i], narrowedItems[i]);
    }
}
