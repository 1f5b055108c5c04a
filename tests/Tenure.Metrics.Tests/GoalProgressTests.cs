using Tenure.Metrics.Goals;

namespace Tenure.Metrics.Tests;

/// <summary>How a figure stands against a goal, with the METRICS.md worked examples as figures.</summary>
public sealed class GoalProgressTests
{
    private static Goal ChurnAtMostFive => new("churn-rate", GoalDirection.AtMost, 5m, GoalPeriod.Month, GoalScope.All);

    [Fact]
    public void Text_HubSpotChurnAgainstFivePercent_MissedBy1Point40()
    {
        // METRICS.md: 64 churned of 1,000 -> 6.4 %; the goal is at most 5 %: missed by 6.4 - 5 = 1.40 percentage points.
        var progress = new GoalProgress(ChurnAtMostFive, "May 2026", 6.4m);
        Assert.False(progress.Met);
        Assert.Equal(1.4m, progress.Gap);
        Assert.Equal("Goal ≤ 5 % per month · May 2026: missed by 1.40 pp", progress.Text);
    }

    [Fact]
    public void Met_AtTheTargetExactly_IsMet()
    {
        Assert.True(new GoalProgress(ChurnAtMostFive, "May 2026", 5m).Met);
        Assert.Equal("met", new GoalProgress(ChurnAtMostFive, "May 2026", 4.99m).Outcome);
    }

    [Fact]
    public void Text_NpsSixtyAgainstFiftyPerQuarter_Met()
    {
        // METRICS.md: 70 promoters, 20 passives, 10 detractors -> NPS 60 >= 50.
        var goal = new Goal("nps", GoalDirection.AtLeast, 50m, GoalPeriod.Quarter, GoalScope.Segment("smb"));
        Assert.Equal("Goal ≥ 50 per quarter, segment=smb · Q2 2026: met", new GoalProgress(goal, "Q2 2026", 60m).Text);
        Assert.Equal("missed by 10.0 pts", new GoalProgress(goal, "Q2 2026", 40m).Outcome);
    }

    [Fact]
    public void Outcome_WithoutAFigure_SaysWhichPeriodHasNone()
    {
        var progress = new GoalProgress(ChurnAtMostFive, "May 2026", null);
        Assert.Null(progress.Met);
        Assert.Null(progress.Gap);
        Assert.Equal("no figure for May 2026", progress.Outcome);
    }
}
