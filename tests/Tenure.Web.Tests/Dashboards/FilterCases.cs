using Tenure.Demo;
using Tenure.Metrics.Drilldown;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

namespace Tenure.Web.Tests.Dashboards;

/// <summary>
/// The demo with the records the filter rules treat apart added (an account accounts.csv does not list, a repeated
/// accounts.csv row, a task owned by one csm on another's account), and one filter of each kind over it: what a
/// filtered view's figures are checked on.
/// </summary>
internal static class FilterCases
{
    private static readonly Lazy<TenureDataSet> data = new(() =>
    {
        var demo = DemoDataGenerator.Generate(new DemoOptions { Accounts = 600, Seed = 5 }).ToTenureDataSet();
        var first = demo.Accounts[0];
        var other = demo.Accounts.First(a => a.Csm != first.Csm && a.Csm is not null);
        var at = new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc);
        return demo with
        {
            Accounts = [.. demo.Accounts, first with { Plan = "repeated-row", Csm = other.Csm }],
            Tickets = [.. demo.Tickets, new Ticket("T-unlisted", "Z-unlisted", at, at.AddHours(2), at.AddHours(5))],
            Surveys = [.. demo.Surveys, new SurveyResponse("R-unlisted", "nps", "Z-unlisted", null, 3, Scale.ZeroToTen, null, at)],
            Tasks = [.. demo.Tasks, new CsTask("K-crossed", other.Csm, first.AccountId, null, at, at.AddDays(3), at.AddDays(1))],
        };
    });

    public static TenureDataSet Data => data.Value;

    /// <summary>The one-filter cases by name (every filter names one segment; "no-account" one no account has).</summary>
    public static IReadOnlyList<string> OneFilter { get; } = ["csm", "crossed-csm", "plan", "region", "segment", "industry", "none-region", "no-account"];

    /// <summary>The filter called <paramref name="name"/> (<see cref="OneFilter"/>, or "none": no filter).</summary>
    public static SegmentFilter Filter(string name)
    {
        var accounts = Data.Accounts;
        var first = accounts[0];
        var other = accounts.First(a => a.Csm != first.Csm && a.Csm is not null);
        return name switch
        {
            "none" => SegmentFilter.All,
            "csm" => new SegmentFilter(Csm: first.Csm),
            "crossed-csm" => new SegmentFilter(Csm: other.Csm),
            "plan" => new SegmentFilter(Plan: first.Plan),
            "region" => new SegmentFilter(Region: first.Region),
            "segment" => new SegmentFilter(Segment: first.Segment),
            "industry" => new SegmentFilter(Industry: first.Industry),
            "none-region" => new SegmentFilter(Region: Segmentation.NoneValue),
            _ => new SegmentFilter(Region: "no-such-region"),
        };
    }
}
