using Tenure.Metrics.Health;

namespace Tenure.Metrics.Tests;

public class HealthModelJsonTests
{
    [Fact]
    public void ShippedDefaultFile_IsTheMetricsMdModel()
    {
        var model = HealthModelJson.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root(), "docs", "health.json")));
        foreach (var factor in HealthFactors.All)
            Assert.Equal(HealthModel.Default[factor], model[factor]);
        Assert.Equal(HealthModel.Default.GreenFrom, model.GreenFrom);
        Assert.Equal(HealthModel.Default.YellowFrom, model.YellowFrom);
        Assert.Equal(HealthModel.Default.SupportStaleOpenDays, model.SupportStaleOpenDays);
        Assert.Equal(HealthAggregation.WeightedMean, model.Aggregation);
        Assert.Empty(model.SegmentWeights);
    }

    [Fact]
    public void Parse_Empty_IsTheDefault() =>
        Assert.Equal(HealthModel.Default.Usage, HealthModelJson.Parse("{}").Usage);

    [Fact]
    public void Parse_ReadsEveryPart()
    {
        var model = HealthModelJson.Parse("""
            {"aggregation": "worst-factor", "bands": {"green": 80, "yellow": 50},
             "factors": {"usage": {"weight": 40, "window_days": 14, "ramp": {"from": 0.2, "to": 0.8}}, "support": {"stale_open_days": 3}},
             "segments": {"Enterprise": {"renewal": 25}}}
            """);
        Assert.Equal(HealthAggregation.WorstFactor, model.Aggregation);
        Assert.Equal((80m, 50m), (model.GreenFrom, model.YellowFrom));
        Assert.Equal(new HealthFactorSettings(40m, new Ramp(0.2m, 0.8m), 14), model.Usage);
        Assert.Equal(3, model.SupportStaleOpenDays);
        Assert.Equal(HealthModel.Default.Sentiment, model.Sentiment);
        // Segment names compare ignoring case; the other factors keep the model's weights.
        Assert.Equal([40m, 20m, 15m, 15m, 10m, 25m], model.WeightsFor("enterprise"));
        Assert.Equal([40m, 20m, 15m, 15m, 10m, 10m], model.WeightsFor("smb"));
    }

    [Theory]
    [InlineData("""{"factors": {"usage": {"weight": -1}}}""", "health.json: factors.usage.weight: must be >= 0")]
    [InlineData("""{"factors": {"usage": {"wieght": 1}}}""", "health.json: factors.usage.wieght: unknown field")]
    [InlineData("""{"colour": 1}""", "health.json: colour: unknown field")]
    [InlineData("""{"factors": {"usage": {"ramp": {"from": 0.5, "to": 0.5}}}}""", "health.json: factors.usage.ramp: from and to must differ")]
    [InlineData("""{"factors": {"renewal": {"window_days": 30}}}""", "health.json: factors.renewal.window_days: unknown field")]
    [InlineData("""{"factors": {"usage": {"window_days": 0}}}""", "health.json: factors.usage.window_days: must be between 1")]
    [InlineData("""{"factors": {"usage": {"window_days": 1.5}}}""", "health.json: factors.usage.window_days: must be a whole number")]
    [InlineData("""{"factors": {"churn": {"weight": 1}}}""", "health.json: factors.churn: unknown field")]
    [InlineData("""{"bands": {"green": 30, "yellow": 40}}""", "health.json: bands.yellow: must be <= bands.green")]
    [InlineData("""{"bands": {"green": 130}}""", "health.json: bands.green: must be between 0 and 100")]
    [InlineData("""{"aggregation": "average"}""", "health.json: aggregation: 'average' is not one of weighted-mean, worst-factor")]
    [InlineData("""{"segments": {"smb": {"usage": "high"}}}""", "health.json: segments.smb.usage: must be a number")]
    [InlineData("""{"segments": {"smb": {"nps": 3}}}""", "health.json: segments.smb.nps: unknown field")]
    [InlineData("""{"factors": {"usage": {"weight": 0}, "sentiment": {"weight": 0}, "support": {"weight": 0}, "revenue-trend": {"weight": 0}, "engagement": {"weight": 0}, "renewal": {"weight": 0}}}""", "health.json: factors: at least one factor needs a weight > 0")]
    [InlineData("""{"factors": """, "health.json: not valid JSON")]
    public void Parse_BadField_NamesItAndTheRule(string json, string message)
    {
        var e = Assert.Throws<HealthModelException>(() => HealthModelJson.Parse(json));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }
}
