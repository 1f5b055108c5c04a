using Tenure.Metrics.Health;
using Tenure.Metrics.Inputs;

using static Tenure.Metrics.Tests.TestData;

namespace Tenure.Metrics.Tests;

/// <summary>
/// The daily health history (issue #10) on a hand-made data set, each day's score by hand from METRICS.md
/// "Account health score".
/// </summary>
public class HealthSeriesTests
{
    /// <summary>
    /// A: customer since 2020 at MRR 100 (open, monthly), one note on 2024-05-02, no users, surveys or tickets.csv.
    /// B: customer from 2024-06-10 at MRR 50 (open), nothing else.
    /// A on day D: usage, sentiment and support missing; revenue-trend change 0 -> lin(0; -0.2, 0.2) = 50 (weight 15);
    /// engagement lin(days since 2024-05-02; 90, 30) (weight 10); renewal open -> 100 (weight 10):
    /// score = (50 x 15 + engagement x 10 + 100 x 10) / 35.
    /// B: only renewal present (MRR 90 days before is 0: revenue-trend missing; no touch) -> 100.
    /// </summary>
    public static TenureDataSet HandMade() => new()
    {
        Accounts = [Acct("A"), Acct("B")],
        Subscriptions = [Sub("A", "2020-01-01", null, 100m), Sub("B", "2024-06-10", null, 50m)],
        Notes = [new Note("n1", "A", D("2024-05-02"), null, null)],
        Present = InputKind.Accounts | InputKind.Subscriptions | InputKind.Notes,
    };

    [Theory]
    // 30 days since the note -> 100 points: (750 + 1000 + 1000) / 35 = 2750 / 35 = 78.571 -> 78.6
    [InlineData("2024-06-01", 78.6, HealthBand.Green)]
    // 45 days -> 75: (750 + 750 + 1000) / 35 = 2500 / 35 = 71.428 -> 71.4
    [InlineData("2024-06-16", 71.4, HealthBand.Green)]
    // 48 days -> (90 - 48) / 60 x 100 = 70: (750 + 700 + 1000) / 35 = 2450 / 35 = 70.0, green (>= 70)
    [InlineData("2024-06-19", 70.0, HealthBand.Green)]
    // 49 days -> 41 / 60 x 100 = 68.333: (750 + 683.333 + 1000) / 35 = 69.523 -> 69.5, yellow
    [InlineData("2024-06-20", 69.5, HealthBand.Yellow)]
    // 60 days -> 50: (750 + 500 + 1000) / 35 = 2250 / 35 = 64.285 -> 64.3
    [InlineData("2024-07-01", 64.3, HealthBand.Yellow)]
    public void Of_EachDay_IsThatDaysScore(string day, decimal score, HealthBand band)
    {
        var data = HealthData.Of(HandMade());
        var days = new List<DatedHealth>();

        var added = HealthSeries.Of(data, HealthModel.Default, data.IndexOf("A"), D("2024-06-01"), D("2024-07-01"), days);

        Assert.Equal(31, added); // 1 June to 1 July, both inclusive
        var entry = Assert.Single(days, d => d.Day == D(day));
        Assert.Equal(score, entry.Health.Score);
        Assert.Equal(band, entry.Health.Band);
        Assert.Equal("A", entry.Health.AccountId);
    }

    [Fact]
    public void Of_DaysBeforeTheAccountIsACustomer_HaveNoEntry()
    {
        var data = HealthData.Of(HandMade());
        var days = new List<DatedHealth>();

        HealthSeries.Of(data, HealthModel.Default, data.IndexOf("B"), D("2024-06-01"), D("2024-07-01"), days);

        // 10 June to 1 July: 21 days of June + 1 = 22, each 100.0 (renewal only).
        Assert.Equal(22, days.Count);
        Assert.Equal(D("2024-06-10"), days[0].Day);
        Assert.All(days, d => Assert.Equal(100.0m, d.Health.Score));
    }

    [Fact]
    public async Task ForEachChunkAsync_GivesEveryCustomerDay_InAccountOrder_AndTheBandChangeOfA()
    {
        var data = HealthData.Of(HandMade());
        var written = new List<DatedHealth>();

        await HealthSeries.ForEachChunkAsync(data, HealthModel.Default, D("2024-06-01"), D("2024-07-01"), (chunk, _) =>
        {
            lock (written) written.AddRange(chunk);
            return Task.CompletedTask;
        }, chunkAccounts: 1, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(31 + 22, written.Count);
        Assert.Equal([.. Enumerable.Repeat("A", 31), .. Enumerable.Repeat("B", 22)], written.Select(d => d.Health.AccountId));
        var a = written.Where(d => d.Health.AccountId == "A").Select(d => new HealthOnDay(d.Day, d.Health.Score, d.Health.Band));
        Assert.Equal([new HealthBandChange(D("2024-06-20"), HealthBand.Green, HealthBand.Yellow)], HealthBandChanges.Of(a));
    }

    [Fact]
    public void Of_MatchesHealthScoresAt_OnEveryDay()
    {
        // The series is the one-day score day after day, nothing else: compared over the worked-example-like data above.
        var data = HealthData.Of(HandMade());
        var days = new List<DatedHealth>();
        HealthSeries.Of(data, HealthModel.Default, data.IndexOf("A"), D("2024-06-01"), D("2024-07-01"), days);

        foreach (var (day, health) in days)
            Assert.Equal(HealthScores.Of(data, HealthModel.Default, day, "A")!.Score, health.Score);
    }
}
