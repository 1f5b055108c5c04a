using Tenure.Metrics.Engine;
using Tenure.Metrics.Periods;
using Tenure.Metrics.Reporting;

using static Tenure.Metrics.Tests.TestData;

namespace Tenure.Metrics.Tests;

/// <summary>The one parser behind `tenure metrics` and GET /api/v1/metrics.</summary>
public class MetricRequestParserTests
{
    private static readonly MetricRequestText May = new() { From = "2024-05-01", To = "2024-06-01" };

    [Fact]
    public void Parse_EveryParameter()
    {
        var request = MetricRequestParser.Parse(
            May with
            {
                Period = "Quarter",
                By = "csm",
                Metric = "mrr, churn-rate",
                LifespanMonths = "24.5",
                Trailing = "6",
                SatisfactionSurveys = "onboarding,,qbr",
                ChurnGraceDays = "7",
            },
            MetricParameterNames.Api);
        Assert.Equal(D("2024-05-01"), request.From);
        Assert.Equal(D("2024-06-01"), request.To);
        Assert.Equal(Granularity.Quarter, request.Granularity);
        Assert.Equal(SegmentBy.Csm, request.By);
        Assert.Equal(["mrr", "churn-rate"], request.Metrics);
        Assert.Equal(24.5m, request.Options!.LifespanMonths);
        Assert.Equal(6, request.Options.TrailingMonths);
        Assert.Equal(["onboarding", "qbr"], request.Options.SatisfactionSurveys.Order(StringComparer.Ordinal));
        Assert.Equal(7, request.Options.ChurnGraceDays);
    }

    [Fact]
    public void Parse_Defaults_MonthAllMetricsNoOptions()
    {
        var request = MetricRequestParser.Parse(May, MetricParameterNames.Cli);
        Assert.Equal(Granularity.Month, request.Granularity);
        Assert.Equal(SegmentBy.None, request.By);
        Assert.Empty(request.Metrics!);
        Assert.Null(request.Options!.LifespanMonths);
        Assert.Null(request.Options.TrailingMonths);
        Assert.Equal(0, request.Options.ChurnGraceDays);
    }

    [Fact]
    public void Parse_RepeatedMetric_IsAskedForOnce_InFirstMentionOrder()
    {
        var request = MetricRequestParser.Parse(May with { Metric = "mrr,nps,mrr, nps ,mrr" }, MetricParameterNames.Cli);
        Assert.Equal(["mrr", "nps"], request.Metrics);
    }

    [Fact]
    public void Parse_ChurnGrace_GivenWins_OverTheWorkspaceDefault()
    {
        Assert.Equal(30, MetricRequestParser.Parse(May, MetricParameterNames.Api, defaultChurnGraceDays: 30).Options!.ChurnGraceDays);
        Assert.Equal(0, MetricRequestParser.Parse(May with { ChurnGraceDays = "0" }, MetricParameterNames.Api, defaultChurnGraceDays: 30).Options!.ChurnGraceDays);
    }

    public static TheoryData<MetricRequestText, string, string> BadRequests() => new()
    {
        { May with { Trailing = "0" }, "trailing", "trailing '0' must be a whole number of months from 1 to 1200." },
        { May with { Trailing = "abc" }, "trailing", "trailing 'abc' must be a whole number of months from 1 to 1200." },
        { May with { Trailing = "1201" }, "trailing", "trailing '1201' must be a whole number of months from 1 to 1200." },
        { May with { Trailing = "2.5" }, "trailing", "trailing '2.5' must be a whole number of months from 1 to 1200." },
        { May with { ChurnGraceDays = "-1" }, "churnGraceDays", "churnGraceDays '-1' must be a whole number of days from 0 to 365." },
        { May with { ChurnGraceDays = "366" }, "churnGraceDays", "churnGraceDays '366' must be a whole number of days from 0 to 365." },
        { May with { LifespanMonths = "0" }, "lifespanMonths", "lifespanMonths '0' must be a number more than 0." },
        { May with { LifespanMonths = "abc" }, "lifespanMonths", "lifespanMonths 'abc' must be a number more than 0." },
        { May with { From = null }, "from", "from is required (a date such as 2024-01-01)." },
        { May with { From = "01/05/2024" }, "from", "from '01/05/2024' is not a date (expected yyyy-MM-dd or an ISO-8601 timestamp)." },
        { May with { To = "2024-05-01" }, "to", "to must be after from (the range is [from, to))." },
        { May with { Period = "fortnight" }, "period", $"period 'fortnight' is not one of {GranularityNames.All}." },
        { May with { By = "colour" }, "by", $"by 'colour' is not one of {Segmentation.KeyNames}." },
        { May with { Metric = "mrr,no-such" }, "metric", "metric: unknown metric 'no-such'; GET /api/v1/metrics/catalog lists the catalogue." },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void Parse_BadParameter_NamesItAndTheRule(MetricRequestText text, string parameter, string message)
    {
        var e = Assert.Throws<MetricRequestException>(() => MetricRequestParser.Parse(text, MetricParameterNames.Api));
        Assert.Equal(parameter, e.Parameter);
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void Parse_CliAndApi_SayTheSame_ButForTheParameterName(MetricRequestText text, string parameter, string message)
    {
        var api = Assert.Throws<MetricRequestException>(() => MetricRequestParser.Parse(text, MetricParameterNames.Api));
        var cli = Assert.Throws<MetricRequestException>(() => MetricRequestParser.Parse(text, MetricParameterNames.Cli));
        Assert.Equal(parameter, api.Parameter);
        Assert.Equal(message, api.Message);
        Assert.Equal(Cli(parameter), cli.Parameter);
        Assert.Equal(ApiToCli(api.Message), cli.Message);
    }

    [Fact]
    public void Parse_CliAndApi_SameText_SameRequest()
    {
        var text = May with { Period = "week", By = "plan", Metric = "mrr,mrr,nps", Trailing = "3", ChurnGraceDays = "14" };
        var cli = MetricRequestParser.Parse(text, MetricParameterNames.Cli);
        var api = MetricRequestParser.Parse(text, MetricParameterNames.Api);
        Assert.Equal((cli.From, cli.To, cli.Granularity, cli.By), (api.From, api.To, api.Granularity, api.By));
        Assert.Equal(cli.Metrics, api.Metrics);
        Assert.Equal((cli.Options!.TrailingMonths, cli.Options.ChurnGraceDays, cli.Options.LifespanMonths), (api.Options!.TrailingMonths, api.Options.ChurnGraceDays, api.Options.LifespanMonths));
    }

    /// <summary>The CLI's name of an API parameter (the two tables of <see cref="MetricParameterNames"/>).</summary>
    private static string Cli(string apiName) => apiName switch
    {
        "lifespanMonths" => "--lifespan-months",
        "satisfactionSurveys" => "--satisfaction-surveys",
        "churnGraceDays" => "--churn-grace-days",
        _ => "--" + apiName,
    };

    private static string ApiToCli(string message)
    {
        // Only the leading parameter name(s) and the catalogue hint differ.
        foreach (var name in new[] { "lifespanMonths", "churnGraceDays", "trailing", "period", "metric", "from", "to", "by" })
        {
            if (message.StartsWith(name + " ", StringComparison.Ordinal) || message.StartsWith(name + ":", StringComparison.Ordinal))
            {
                message = Cli(name) + message[name.Length..];
                break;
            }
        }
        return message
            .Replace("must be after from", "must be after --from", StringComparison.Ordinal)
            .Replace("GET /api/v1/metrics/catalog lists the catalogue", "`tenure metrics list` shows the catalogue", StringComparison.Ordinal);
    }
}
