using Tenure.Metrics.Drilldown;
using Tenure.Metrics.Engine;
using Tenure.Web.Dashboards;

namespace Tenure.Web.Tests.Dashboards;

/// <summary>
/// A view with several filters starts from the data another view narrowed by one of them (<see cref="DashboardCache.Filtered"/>,
/// <see cref="SegmentFilter.FirstNarrowings"/>): the same rows as the filter applied to the whole tenant.
/// </summary>
public sealed class FilteredDataCacheTests
{
    private const string Tenant = "t";

    [Fact]
    public void Filtered_OfTwoParts_StartsFromThePartAnotherViewNarrowedBy()
    {
        var data = FilterCases.Data;
        var first = data.Accounts.First(a => a.Plan is not null && a.Region is not null);
        var cache = new DashboardCache();
        var region = SegmentFilter.Of(SegmentBy.Region, first.Region!);
        var plan = SegmentFilter.Of(SegmentBy.Plan, first.Plan!);
        var both = new SegmentFilter(Plan: first.Plan, Region: first.Region);

        var regionData = cache.Filtered(Tenant, 1, data, region);
        var narrowed = cache.Filtered(Tenant, 1, data, both);

        // The region's data was there (plan comes first in the filter's parts): the plan's was not made.
        Assert.False(cache.HasFiltered(Tenant, 1, plan));
        Assert.Same(narrowed, cache.Filtered(Tenant, 1, data, both));
        AssertSameData(both.Apply(data), narrowed);
        Assert.All(narrowed.Accounts, a => Assert.Contains(a, regionData.Accounts));
    }

    [Theory]
    [InlineData("csm")]
    [InlineData("crossed-csm")]
    [InlineData("none-region")]
    [InlineData("no-account")]
    public void Filtered_OfTwoParts_WithNoPartCached_CachesItsFirstPartOtherThanCsm_AndNarrowsThatByTheOther(string name)
    {
        var data = FilterCases.Data;
        var cache = new DashboardCache();
        var other = FilterCases.Filter(name);
        var plan = data.Accounts.First(a => a.Plan is not null).Plan!;
        var filter = other with { Plan = plan };

        var narrowed = cache.Filtered(Tenant, 1, data, filter);

        // Plan comes first among the parts but csm is never narrowed by first; the other part is not made either.
        Assert.True(cache.HasFiltered(Tenant, 1, SegmentFilter.Of(SegmentBy.Plan, plan)));
        Assert.False(cache.HasFiltered(Tenant, 1, other));
        AssertSameData(filter.Apply(data), narrowed);
    }

    private static void AssertSameData(Metrics.Inputs.TenureDataSet expected, Metrics.Inputs.TenureDataSet actual)
    {
        AssertSameRows(expected.Accounts, actual.Accounts);
        AssertSameRows(expected.Subscriptions, actual.Subscriptions);
        AssertSameRows(expected.Invoices, actual.Invoices);
        AssertSameRows(expected.Users, actual.Users);
        AssertSameRows(expected.Tickets, actual.Tickets);
        AssertSameRows(expected.Surveys, actual.Surveys);
        AssertSameRows(expected.Tasks, actual.Tasks);
        Assert.Equal(expected.Usage, actual.Usage);
    }

    private static void AssertSameRows<T>(IReadOnlyList<T> expected, IReadOnlyList<T> actual)
        where T : class
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            Assert.Same(expected[i], actual[i]);
    }
}
