using Tenure.Metrics.Engine;
using Tenure.Metrics.Periods;

namespace Tenure.Demo.Tests;

/// <summary>
/// The trailing windows a server keeps for the SaaS page's CLV card (<see cref="MetricWindows"/>): every range of twelve
/// months ending on a month's bound must be answered with the results the engine gives for that range alone, in the same
/// order, on the demo's 2,000 accounts read back with the real reader; any other request is not answered.
/// </summary>
public sealed class MetricWindowsTests(DemoFixture fixture)
{
    private static readonly DateTime From = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime To = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Held = ["clv", "mrr", "nps"];
    private static readonly MetricRequestLimits Limits = new(120, 500_000);

    [Theory]
    [InlineData(SegmentBy.None)]
    [InlineData(SegmentBy.Csm)]
    public void EveryWindow_IsTheEnginesRangeAlone(SegmentBy by)
    {
        var data = fixture.ReadBack.DataSet!;
        var windows = MetricWindows.Compute(data, From, To, 12, by, Held, new MetricOptions(), Limits, TestContext.Current.CancellationToken);

        var ends = 0;
        var figures = 0;
        for (var end = From; end <= To; end = end.AddMonths(1), ends++)
        {
            foreach (var metrics in new[] { new[] { "clv" }, new[] { "nps", "clv", "mrr" } })
            {
                var request = new MetricRequest(end.AddMonths(-12), end, Granularity.Range, by, metrics);
                var expected = MetricEngine.Compute(data, request);
                var actual = windows.TryAnswer(request);
                Assert.NotNull(actual);
                Assert.Equal(expected.Count, actual.Count);
                for (var i = 0; i < expected.Count; i++)
                {
                    Assert.Equal((expected[i].Metric, expected[i].Segment, expected[i].Period), (actual[i].Metric, actual[i].Segment, actual[i].Period));
                    Assert.Equal(Text(expected[i]), Text(actual[i]));
                    figures += expected[i].Value.Value is null ? 0 : 1;
                }
            }
        }
        // 2025-01 .. 2026-11: 23 ends, each held; most of the four results an end has unsplit are figures (not blanks compared).
        Assert.Equal(23, ends);
        Assert.True(figures > ends * 3, $"only {figures} figures");
    }

    public static TheoryData<string> NotHeld =>
    [
        "thirteen months", "an end inside a month", "another split", "another churn grace", "a metric not held", "a cut range", "after the last end",
        "before the first end", "a month's period",
    ];

    [Theory]
    [MemberData(nameof(NotHeld))]
    public void AnyOtherRequest_IsNotAnswered(string name)
    {
        var windows = MetricWindows.Compute(fixture.ReadBack.DataSet!, From, To, 12, SegmentBy.None, Held, new MetricOptions(), Limits, TestContext.Current.CancellationToken);
        var end = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var window = new MetricRequest(end.AddMonths(-12), end, Granularity.Range, SegmentBy.None, ["clv"]);
        Assert.NotNull(windows.TryAnswer(window));
        var request = name switch
        {
            "thirteen months" => window with { From = end.AddMonths(-13) },
            "an end inside a month" => window with { From = end.AddMonths(-12).AddDays(3), To = end.AddDays(3) },
            "another split" => window with { By = SegmentBy.Plan },
            "another churn grace" => window with { Options = new MetricOptions { ChurnGraceDays = 7 } },
            "a metric not held" => window with { Metrics = ["clv", "customers"] },
            "a cut range" => window with { RangeCuts = [end.AddMonths(-6)] },
            "after the last end" => window with { From = To.AddMonths(-11), To = To.AddMonths(1) },
            "before the first end" => window with { From = From.AddMonths(-13), To = From.AddMonths(-1) },
            _ => window with { From = end.AddMonths(-1), Granularity = Granularity.Month },
        };
        Assert.Null(windows.TryAnswer(request));
    }

    private static string Text(MetricResult result) =>
        $"{result.Value.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture)}|{result.Value.Numerator}|{result.Value.Denominator}|{result.Unavailable}";
}
