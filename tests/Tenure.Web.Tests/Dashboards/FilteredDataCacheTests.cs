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
    public void Filtered_OfTwoParts_AfterAViewOfOneOfThem_IsTheFilterAppliedToTheWhole()
    {
        var data = FilterCases.Data;
        var first = data.Accounts.First(a => a.Plan is not null && a.Region is not null);
        var cache = new DashboardCache();
        var plan = SegmentFilter.Of(SegmentBy.Plan, first.Plan!);
        var both = new SegmentFilter(Plan: first.Plan, Region: first.Region);

        cache.Filtered(Tenant, 1, data, SegmentFilter.Of(SegmentBy.Region, first.Region!));
        var narrowed = cache.Filtered(Tenant, 1, data, both);

        Assert.Same(narrowed, cache.Filtered(Tenant, 1, data, both));
        Assert.False(cache.HasFiltered(Tenant, 1, plan));
        AssertSameData(both.Apply(data), narrowed);
    }

    [Fact]
    public void Filtered_OfTwoParts_StartsFromTheDataAViewOfOneOfThemLeft()
    {
        // The region's view left data without one account's tickets (as if narrowed from another data version): the
        // two-part view, narrowed from it, has none of them either; narrowed from the whole it would.
        var data = FilterCases.Data;
        var first = data.Accounts.First(a => a.Plan is not null && a.Region is not null && data.Tickets.Any(t => t.AccountId == a.AccountId));
        var cache = new DashboardCache();
        var region = SegmentFilter.Of(SegmentBy.Region, first.Region!);
        var both = new SegmentFilter(Plan: first.Plan, Region: first.Region);
        var withoutTickets = data with { Tickets = [.. data.Tickets.Where(t => t.AccountId != first.AccountId)] };

        cache.Filtered(Tenant, 1, withoutTickets, region);
        var narrowed = cache.Filtered(Tenant, 1, data, both);

        Assert.Contains(both.Apply(data).Tickets, t => t.AccountId == first.AccountId);
        Assert.DoesNotContain(narrowed.Tickets, t => t.AccountId == first.AccountId);
    }

    [Theory]
    [InlineData("csm")]
    [InlineData("crossed-csm")]
    [InlineData("none-region")]
    [InlineData("no-account")]
    public void Filtered_OfTwoParts_WithOnlyItsCsmPartOrNoPartMade_NarrowsTheWholeAndMakesNoPart(string name)
    {
        var data = FilterCases.Data;
        var cache = new DashboardCache();
        var other = FilterCases.Filter(name);
        var plan = SegmentFilter.Of(SegmentBy.Plan, data.Accounts.First(a => a.Plan is not null).Plan!);
        var filter = other with { Plan = plan.Plan };
        // A csm's data is never started from (its tasks on other csms' accounts would be lost to the plan part).
        if (other.Csm is not null)
            cache.Filtered(Tenant, 1, data, other);

        var narrowed = cache.Filtered(Tenant, 1, data, filter);

        Assert.False(cache.HasFiltered(Tenant, 1, plan));
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
