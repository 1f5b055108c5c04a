using Tenure.Metrics.Drilldown;
using Tenure.Metrics.Goals;

namespace Tenure.Metrics.Tests;

/// <summary>The goal rules of issue #12 item 5: a metric of the catalogue, a target its figure can reach, a direction, a period, one scope.</summary>
public sealed class GoalRulesTests
{
    [Fact]
    public void Check_ChurnRateAtMostFivePerMonth_IsAGoal()
    {
        var (goal, problems) = GoalRules.Check(new GoalRequest("churn-rate", "5", "at_most", "month"));
        Assert.Empty(problems);
        Assert.Equal(new Goal("churn-rate", GoalDirection.AtMost, 5m, GoalPeriod.Month, GoalScope.All), goal);
    }

    [Theory]
    [InlineData("churn-rate", GoalDirection.AtMost)] // Better.Lower
    [InlineData("nps", GoalDirection.AtLeast)] // Better.Higher
    public void Check_WithoutDirection_TakesTheCataloguesBetterWay(string metric, GoalDirection expected)
    {
        var (goal, problems) = GoalRules.Check(new GoalRequest(metric, "5", null, "quarter"));
        Assert.Empty(problems);
        Assert.Equal(expected, goal!.Direction);
    }

    [Fact]
    public void Check_NeutralMetricWithoutDirection_AsksForOne()
    {
        // tickets is a volume: Better.Neither.
        var (goal, problems) = GoalRules.Check(new GoalRequest("tickets", "100", null, "month"));
        Assert.Null(goal);
        Assert.Equal("direction", Assert.Single(problems).Field);
    }

    [Theory]
    [InlineData("nope", "5", "metric")]
    [InlineData("customers", "-5", "target")] // a negative count
    [InlineData("customers", "2.5", "target")] // a count is whole
    [InlineData("churn-rate", "100.01", "target")] // a rate above 100 %
    [InlineData("churn-rate", "-0.5", "target")]
    [InlineData("nps", "101", "target")] // NPS is -100..100
    [InlineData("nps", "NaN", "target")]
    [InlineData("nps", "Infinity", "target")]
    [InlineData("mrr", "1e308", "target")] // beyond decimal, refused rather than rounded
    [InlineData("mrr", "1000000000000000.01", "target")] // beyond the 1e15 bound
    [InlineData("mrr", "", "target")]
    [InlineData("mrr", "5,0", "target")]
    public void Check_ImpossibleOrUnreadable_NamesTheField(string metric, string target, string field)
    {
        var (goal, problems) = GoalRules.Check(new GoalRequest(metric, target, null, "month"));
        Assert.Null(goal);
        Assert.Contains(problems, p => p.Field == field);
    }

    [Theory]
    [InlineData("net-revenue-retention", "110")] // NRR above 100 % is the point of it
    [InlineData("net-customer-churn-rate", "-2")] // negative when the base grew
    [InlineData("net-new-mrr", "-500")]
    [InlineData("nps", "-100")]
    [InlineData("churn-rate", "100")]
    [InlineData("mrr", "1e15")]
    public void Check_TargetsTheDefinitionAllows_AreAccepted(string metric, string target)
    {
        var (goal, problems) = GoalRules.Check(new GoalRequest(metric, target, "at_least", "year"));
        Assert.Empty(problems);
        Assert.NotNull(goal);
    }

    [Fact]
    public void Check_BadPeriodDirectionAndBothScopes_ReportsEveryProblem()
    {
        var (goal, problems) = GoalRules.Check(new GoalRequest("nps", "50", "above", "week", "ann", "smb"));
        Assert.Null(goal);
        Assert.Equal(["direction", "period", "scope"], problems.Select(p => p.Field));
    }

    [Fact]
    public void Check_UnknownCsmOrSegment_IsRefused_KnownOnesAreKept()
    {
        string[] csms = ["ann", "bo"];
        string[] segments = ["smb"];
        Assert.Equal("csm", Assert.Single(GoalRules.Check(new GoalRequest("nps", "50", null, "month", Csm: "Ann"), csms, segments).Problems).Field);
        Assert.Equal("segment", Assert.Single(GoalRules.Check(new GoalRequest("nps", "50", null, "month", Segment: "enterprise"), csms, segments).Problems).Field);
        Assert.Equal(GoalScope.Csm("ann"), GoalRules.Check(new GoalRequest("nps", "50", null, "month", Csm: "ann"), csms, segments).Goal!.Scope);
        Assert.Equal(GoalScope.Segment("smb"), GoalRules.Check(new GoalRequest("nps", "50", null, "month", Segment: "smb"), csms, segments).Goal!.Scope);
    }

    [Fact]
    public void ScopeMatches_OnlyTheExactFilter()
    {
        Assert.True(GoalScope.All.Matches(SegmentFilter.All));
        Assert.False(GoalScope.All.Matches(new SegmentFilter(Csm: "ann")));
        Assert.True(GoalScope.Csm("ann").Matches(new SegmentFilter(Csm: "ann")));
        Assert.False(GoalScope.Csm("ann").Matches(new SegmentFilter(Csm: "ann", Plan: "pro")));
        Assert.True(GoalScope.Segment("smb").Matches(new SegmentFilter(Segment: "smb")));
        Assert.False(GoalScope.Segment("smb").Matches(new SegmentFilter(Csm: "smb")));
    }
}
