using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Periods;

namespace Tenure.Web.Tests.Dashboards;

/// <summary>
/// A split by csm within another attribute (<see cref="MetricRequest.Within"/>: the CS manager page's per-CSM table under
/// one filter, from the whole data set in one pass) must give each CSM among that attribute's value the figures of the
/// data narrowed to the value and split by csm, which the table showed before: every metric that goes by account or by
/// task owner, on <see cref="FilterCases"/> (an account accounts.csv does not list, a repeated accounts.csv row, a task
/// owned by one csm on another's account).
/// </summary>
public sealed class SplitWithinTests
{
    private static readonly DateTime From = new(2025, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime To = new(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Every metric but those that link rows of several accounts (a major case's children) or have no figure per segment (costs): neither is read per CSM.</summary>
    private static readonly string[] Metrics = [.. MetricCatalogue.All.Where(d => !d.CrossesAccounts && !d.AllOnly).Select(d => d.Id)];

    public static TheoryData<string, Granularity> Filters => new(
        from name in FilterCases.OneFilter.Where(n => n is not ("csm" or "crossed-csm"))
        from granularity in new[] { Granularity.Month, Granularity.Range }
        select new TheoryDataRow<string, Granularity>(name, granularity));

    [Theory]
    [MemberData(nameof(Filters))]
    public void EachCsmWithinAValue_IsTheNarrowedDataSplitByCsm(string name, Granularity granularity)
    {
        var data = FilterCases.Data;
        var filter = FilterCases.Filter(name);
        var (within, value) = Assert.Single(filter.Parts);
        var request = new MetricRequest(From, To, granularity, SegmentBy.Csm, Metrics);

        var expected = MetricEngine.ComputeSegments(filter.Apply(data), request).Select(FigureText.Of).ToList();
        var prefix = "csm=" + value + Segmentation.WithinSeparator;
        // A metric whose inputs are absent is one "all" result per period, unavailable, either way.
        var actual = MetricEngine.ComputeSegments(data, request with { Within = within })
            .Where(r => r.Segment.StartsWith(prefix, StringComparison.Ordinal) || r.Unavailable is not null)
            .Select(r => FigureText.Of(r.Unavailable is null ? r with { Segment = "csm=" + r.Segment[prefix.Length..] } : r))
            .ToList();

        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
        // Not a comparison of nothing: the segments with accounts have CSM rows (the filter matching none has none).
        if (name == "no-account")
            Assert.DoesNotContain(expected, f => f.Contains(" csm=", StringComparison.Ordinal));
        else
            Assert.True(expected.Count > Metrics.Length, $"{name}: {expected.Count} results");
    }

    [Fact]
    public void TheCrossedTask_CountsForItsOwnerAmongItsAccountsValue()
    {
        // K-crossed: owned by another csm on the first account; within the first account's plan it is that csm's task.
        var data = FilterCases.Data;
        var crossed = data.Tasks.Single(t => t.TaskId == "K-crossed");
        var plan = data.Accounts[0].Plan;
        var results = MetricEngine.ComputeSegments(data, new MetricRequest(From, To, Granularity.Range, SegmentBy.Csm, ["tasks-completed"]) { Within = SegmentBy.Plan });
        Assert.Contains(results, r => r.Segment == "csm=" + Segmentation.WithinValue(plan, crossed.Owner));
    }

    [Fact]
    public void AValueHoldingTheSeparator_IsRefused()
    {
        var data = FilterCases.Data;
        var odd = data with { Accounts = [.. data.Accounts.Select((a, i) => i == 3 ? a with { Plan = "pro" + Segmentation.WithinSeparator + "x" } : a)] };
        Assert.Throws<ArgumentException>(() => MetricEngine.Compute(odd, new MetricRequest(From, To, Granularity.Month, SegmentBy.Csm, ["customers"]) { Within = SegmentBy.Plan }));
    }
}
