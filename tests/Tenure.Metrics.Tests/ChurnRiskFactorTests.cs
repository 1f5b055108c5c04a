using Tenure.Metrics.Health;
using Tenure.Metrics.Inputs;

using static Tenure.Metrics.Tests.TestData;

namespace Tenure.Metrics.Tests;

/// <summary>
/// The optional health factor churn-risk (docs/health.md): points = lin(p; 1, 0) = 100 x (1 - p), fed per account
/// from outside, listed only when health.json names it, weight 0 unless configured.
/// Account A pays 100 a month since 2020, nothing else is given: revenue-trend change 0 -> 50 points (weight 15),
/// renewal open -> 100 (weight 10), every other factor missing: (50 x 15 + 100 x 10) / 25 = 1750 / 25 = 70.0.
/// </summary>
public class ChurnRiskFactorTests
{
    private static readonly DateTime At = D("2024-06-01");

    private static readonly TenureDataSet Book = new()
    {
        Accounts = [new Account("A", "Acme", D("2020-01-01"))],
        Subscriptions = [Sub("A", "2020-01-01", null, 100m)],
        Present = InputKind.Accounts | InputKind.Subscriptions,
    };

    private static AccountHealth Score(HealthModel model, IReadOnlyDictionary<string, decimal>? probabilities) =>
        HealthScores.Of(HealthData.Of(Book), model, At, "A", probabilities)!;

    private static readonly Dictionary<string, decimal> Quarter = new() { ["A"] = 0.25m };

    [Fact]
    public void Default_DoesNotListChurnRisk_AndKeepsTheScore()
    {
        var health = Score(HealthModel.Default, Quarter);
        Assert.Equal(HealthFactors.All, health.Factors.Select(f => f.Factor));
        Assert.Equal(70.0m, health.Score);
        Assert.Null(HealthModel.Default.ChurnRisk);
    }

    [Fact]
    public void NamedWithWeightZero_IsListedButNeverCounts()
    {
        var model = HealthModelJson.Parse("""{"factors": {"churn-risk": {"weight": 0}}}""");
        var health = Score(model, Quarter);
        Assert.Equal([.. HealthFactors.All, HealthFactor.ChurnRisk], health.Factors.Select(f => f.Factor));
        var churn = health[HealthFactor.ChurnRisk];
        // p = 0.25 -> 100 x (1 - 0.25) = 75 points, weight 0: the score stays 70.0.
        Assert.Equal((0.25m, 75m, 0m, false), (churn.Value, churn.Points, churn.Weight, churn.Missing));
        Assert.Equal(70.0m, health.Score);
    }

    [Theory]
    // (50 x 15 + 100 x 10 + 75 x 10) / 35 = 2500 / 35 = 71.43 -> 71.4
    [InlineData("0.25", "75", "71.4")]
    // (750 + 1000 + 10 x 10) / 35 = 1850 / 35 = 52.86 -> 52.9
    [InlineData("0.9", "10", "52.9")]
    // p = 1 -> 0 points: (750 + 1000 + 0) / 35 = 50.0
    [InlineData("1", "0", "50.0")]
    // p = 0 -> 100 points: (750 + 1000 + 1000) / 35 = 78.57 -> 78.6
    [InlineData("0", "100", "78.6")]
    public void Weighted_PointsAreHundredTimesOneMinusP(string p, string points, string score)
    {
        var model = HealthModelJson.Parse("""{"factors": {"churn-risk": {"weight": 10}}}""");
        var health = Score(model, new Dictionary<string, decimal> { ["A"] = decimal.Parse(p, System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(decimal.Parse(points, System.Globalization.CultureInfo.InvariantCulture), health[HealthFactor.ChurnRisk].Points);
        Assert.Equal(decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture), health.Score);
    }

    [Fact]
    public void NoProbability_IsMissing_AndTheWeightRenormalises()
    {
        var model = HealthModelJson.Parse("""{"factors": {"churn-risk": {"weight": 10}}}""");
        foreach (var probabilities in new IReadOnlyDictionary<string, decimal>?[] { null, new Dictionary<string, decimal> { ["B"] = 0.5m } })
        {
            var health = Score(model, probabilities);
            Assert.True(health[HealthFactor.ChurnRisk].Missing);
            Assert.Null(health[HealthFactor.ChurnRisk].Value);
            Assert.Equal(70.0m, health.Score);
        }
    }

    [Fact]
    public void OwnRamp_IsRead()
    {
        // lin(p; 0.5, 0): 0 points at p = 0.5 and above, 100 at 0; p = 0.25 -> 100 x (0.25 - 0.5) / (0 - 0.5) = 50.
        var model = HealthModelJson.Parse("""{"factors": {"churn-risk": {"weight": 10, "ramp": {"from": 0.5, "to": 0}}}}""");
        Assert.Equal(50m, Score(model, Quarter)[HealthFactor.ChurnRisk].Points);
    }

    [Theory]
    [InlineData("""{"factors": {"churn-risk": {"window_days": 30}}}""", "health.json: factors.churn-risk.window_days: unknown field (expected one of weight, ramp)")]
    [InlineData("""{"factors": {"churn-risk": {"weight": -1}}}""", "health.json: factors.churn-risk.weight: must be >= 0")]
    [InlineData("""{"factors": {"churn": {"weight": 1}}}""", "health.json: factors.churn: unknown field (expected one of usage, sentiment, support, revenue-trend, engagement, renewal, churn-risk)")]
    public void Json_Errors_NameTheField(string json, string message) =>
        Assert.Equal(message, Assert.Throws<HealthModelException>(() => HealthModelJson.Parse(json)).Message);

    [Fact]
    public void SegmentWeight_ForChurnRisk_Applies()
    {
        var model = HealthModelJson.Parse("""{"factors": {"churn-risk": {"weight": 0}}, "segments": {"smb": {"churn-risk": 10}}}""");
        Assert.Equal([30m, 20m, 15m, 15m, 10m, 10m, 10m], model.WeightsFor("SMB"));
    }
}
