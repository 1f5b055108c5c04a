using Tenure.Metrics.Alerts;
using Tenure.Metrics.Inputs;

using static Tenure.Metrics.Tests.TestData;

namespace Tenure.Metrics.Tests;

/// <summary>Each alert rule on a hand-made case (scores worked by hand from METRICS.md's default health model), the 7-day look-back and the churn extension point.</summary>
public class AlertEvaluatorTests
{
    private static readonly DateTime Now = D("2026-12-01");

    private static DateTime Days(int days) => Now.AddDays(days);

    /// <summary>
    /// Customers with an open monthly subscription since 2020 (MRR flat: revenue-trend 0 -> 50 points; renewal open -> 100)
    /// and 10 users each; no tickets.csv, surveys or notes unless given (support, sentiment, engagement missing).
    /// Usage 0 active of 10 -> 0 points: score (0x30 + 50x15 + 100x10) / 55 = 1750 / 55 = 31.8, red.
    /// All 10 active -> 100 points: (100x30 + 750 + 1000) / 55 = 4750 / 55 = 86.4, green.
    /// </summary>
    private static TenureDataSet Data(string[] accounts, IEnumerable<UsageDay>? usage = null, IEnumerable<SubscriptionPeriod>? subscriptions = null,
        IEnumerable<SurveyResponse>? surveys = null, IEnumerable<Ticket>? tickets = null)
    {
        var present = InputKind.Accounts | InputKind.Subscriptions | InputKind.Users | InputKind.Usage | InputKind.Surveys;
        if (tickets is not null) present |= InputKind.Tickets;
        return new TenureDataSet
        {
            Accounts = [.. accounts.Select(a => Acct(a, csm: a == "C9" ? null : "ann"))],
            Subscriptions = [.. subscriptions ?? accounts.Select(a => Sub(a, "2020-01-01", null, 100m))],
            Users = [.. accounts.SelectMany(a => Enumerable.Range(1, 10).Select(i => new User($"{a}-u{i}", a, D("2020-01-01"), null)))],
            Usage = [.. usage ?? []],
            Surveys = [.. surveys ?? []],
            Tickets = [.. tickets ?? []],
            Present = present,
        };
    }

    private static IEnumerable<UsageDay> AllActive(string account, int day) =>
        Enumerable.Range(1, 10).Select(i => new UsageDay(account, $"{account}-u{i}", Days(day), 2));

    private static AlertEvaluation Evaluate(TenureDataSet data, AlertSettings? settings = null, IChurnRiskSource? churn = null) =>
        AlertEvaluator.Evaluate(data, settings ?? AlertSettings.Default, Now, churn: churn);

    private static List<AlertFinding> Of(AlertEvaluation evaluation, string rule) => [.. evaluation.Findings.Where(f => f.Rule == rule)];

    [Fact]
    public void HealthRed_RedAccountOnly()
    {
        var data = Data(["R1", "G1"], usage: AllActive("G1", -1));

        var red = Of(Evaluate(data), AlertRule.HealthRed);

        Assert.Equal([new AlertFinding("health-red", "R1", "ann", "health 31.8 (red) on 2026-12-01")], red);
    }

    [Fact]
    public void HealthDrop_ScoreThirtyDaysAgoComputedByTheEngine()
    {
        // D1: all 10 users active 45 days ago (inside [now - 60, now - 30)): 86.4 then, 0 active now: 31.8; drop 54.6 >= 20.
        // S1: all active 45 days ago and yesterday: 86.4 both times; no drop.
        var data = Data(["D1", "S1"], usage: [.. AllActive("D1", -45), .. AllActive("S1", -45), .. AllActive("S1", -1)]);

        var drops = Of(Evaluate(data), AlertRule.HealthDrop);

        Assert.Equal([new AlertFinding("health-drop", "D1", "ann", "health fell 54.6 points in 30 days, from 86.4 on 2026-11-01 to 31.8 on 2026-12-01")], drops);
    }

    [Fact]
    public void HealthDrop_ThresholdAboveTheDrop_NoAlert()
    {
        var data = Data(["D1"], usage: AllActive("D1", -45));
        var settings = AlertSettingsJson.Parse("""{"rules":{"health-drop":{"threshold":55}}}""");

        Assert.Empty(Of(Evaluate(data, settings), AlertRule.HealthDrop)); // 54.6 < 55
    }

    [Fact]
    public void RenewalRisk_CoverageEndingWithin60DaysAndNotGreen()
    {
        // Ending in 45 days: renewal 45 / 90 -> 50 points. E1 (0 active): (0 + 50x15 + 50x10) / 55 = 1250 / 55 = 22.7, red -> alert.
        // G1 (all active): (3000 + 750 + 500) / 55 = 4250 / 55 = 77.3, green -> no alert. L1 ends in 61 days (> 60) -> no alert.
        var data = Data(["E1", "G1", "L1"], usage: AllActive("G1", -1), subscriptions:
        [
            Sub("E1", "2020-01-01", "2027-01-15", 100m), Sub("G1", "2020-01-01", "2027-01-15", 100m), Sub("L1", "2020-01-01", "2027-01-31", 100m),
        ]);

        var risks = Of(Evaluate(data), AlertRule.RenewalRisk);

        Assert.Equal([new AlertFinding("renewal-risk", "E1", "ann", "paid coverage ends 2027-01-15 (in 45 days), health red (22.7)")], risks);
    }

    [Fact]
    public void UsageDrop_HalfTheActiveUsersWeekOverWeek()
    {
        // U1: 4 users active in [now - 14, now - 7), 2 in [now - 7, now): (4 - 2) / 4 = 50 % >= 50 % -> alert.
        // U2: 4 -> 3 (25 %): no. U3: a user on day -15 is outside both weeks; 1 on day -14 and 1 on day -7 -> 1 -> 1: no.
        // X9 is not a customer (its subscription ended): 4 -> 0 is not alerted.
        static UsageDay Used(string account, int user, int day) => new(account, $"{account}-u{user}", Days(day), 1);
        var usage = new List<UsageDay>
        {
            Used("U1", 1, -14), Used("U1", 2, -10), Used("U1", 3, -9), Used("U1", 4, -8), Used("U1", 1, -7), Used("U1", 2, -1),
            Used("U2", 1, -12), Used("U2", 2, -12), Used("U2", 3, -12), Used("U2", 4, -12), Used("U2", 1, -2), Used("U2", 2, -2), Used("U2", 3, -2),
            Used("U3", 1, -15), Used("U3", 2, -14), Used("U3", 3, -7),
            Used("X9", 1, -12), Used("X9", 2, -12), Used("X9", 3, -12), Used("X9", 4, -12),
        };
        var data = Data(["U1", "U2", "U3", "X9"], usage: usage, subscriptions:
            [Sub("U1", "2020-01-01", null, 100m), Sub("U2", "2020-01-01", null, 100m), Sub("U3", "2020-01-01", null, 100m), Sub("X9", "2020-01-01", "2026-11-01", 100m)]);

        var drops = Of(Evaluate(data), AlertRule.UsageDrop);

        Assert.Equal([new AlertFinding("usage-drop", "U1", "ann", "active users fell from 4 to 2 week over week (-50 %) in the 7 days to 2026-12-01")], drops);
    }

    [Fact]
    public void Detractor_NpsZeroToSixInTheLastSevenDays()
    {
        static SurveyResponse Answer(string id, string account, string? user, int score, DateTime at, string survey = "nps") =>
            new(id, survey, account, user, score, Scale.ZeroToTen, null, at);
        var data = Data(["A1", "B1", "C9", "P1"], surveys:
        [
            Answer("r1", "A1", "u7", 2, Days(-1)),
            Answer("r0", "A1", "u6", 5, Days(-3)),                 // older detractor of A1: the alert names the latest
            Answer("r2", "B1", null, 6, Days(-7)),                 // exactly 7 days back: inside [now - 7 d, now]
            Answer("r3", "C9", "u1", 0, Days(-7).AddSeconds(-1)),  // one second too old
            Answer("r4", "P1", "u1", 7, Days(-1)),                 // a passive
            Answer("r5", "P1", "u2", 1, Days(-1), survey: "csat"), // not NPS
            Answer("r6", "C9", "u2", 3, Now.AddHours(1)),          // after now
        ]);

        var detractors = Of(Evaluate(data), AlertRule.Detractor);

        Assert.Equal(
        [
            new AlertFinding("detractor", "A1", "ann", "NPS 2 from u7 on 2026-11-30"),
            new AlertFinding("detractor", "B1", "ann", "NPS 6 (response r2) on 2026-11-24"),
        ], detractors);
    }

    [Fact]
    public void Escalation_EscalatedTicketsCreatedInTheLastSevenDays()
    {
        var data = Data(["A1", "B1", "C9"], tickets:
        [
            new Ticket("t1", "A1", Days(-2), Escalated: true),
            new Ticket("t2", "A1", Days(-5), Escalated: true),
            new Ticket("t3", "B1", Days(-8), Escalated: true),   // too old
            new Ticket("t4", "C9", Days(-1), Escalated: false),  // not escalated
        ]);

        var escalations = Of(Evaluate(data), AlertRule.Escalation);

        Assert.Equal([new AlertFinding("escalation", "A1", "ann", "ticket t1 escalated, created 2026-11-29 (2 escalated tickets in 7 days)")], escalations);
    }

    [Fact]
    public void EventRules_YearsOfHistory_AlertOnlyOnTheLastSevenDays()
    {
        // 3 years of a detractor answer and an escalated ticket every day for 200 accounts; only A7 and A42 have one in the last 7 days.
        var accounts = Enumerable.Range(0, 200).Select(i => $"A{i}").ToArray();
        var surveys = new List<SurveyResponse>();
        var tickets = new List<Ticket>();
        foreach (var (account, i) in accounts.Select((a, i) => (a, i)))
        {
            for (var day = -3 * 365; day < -7; day++)
            {
                surveys.Add(new SurveyResponse($"r{i}-{-day}", "nps", account, "u1", 0, Scale.ZeroToTen, null, Days(day).AddSeconds(-1)));
                tickets.Add(new Ticket($"t{i}-{-day}", account, Days(day).AddSeconds(-1), Escalated: true));
            }
        }
        surveys.Add(new SurveyResponse("recent1", "nps", "A7", "u1", 3, Scale.ZeroToTen, null, Days(-6)));
        tickets.Add(new Ticket("recent2", "A42", Days(-6), Escalated: true));
        var data = Data(accounts, surveys: surveys, tickets: tickets);

        var evaluation = Evaluate(data);

        Assert.Equal(["A7"], Of(evaluation, AlertRule.Detractor).Select(f => f.AccountId));
        Assert.Equal(["A42"], Of(evaluation, AlertRule.Escalation).Select(f => f.AccountId));
    }

    [Fact]
    public void LookBackDays_Configured_WidensTheEventWindow()
    {
        var data = Data(["A1"], surveys: [new SurveyResponse("r1", "nps", "A1", "u1", 4, Scale.ZeroToTen, null, Days(-10))]);

        Assert.Empty(Of(Evaluate(data), AlertRule.Detractor));
        Assert.Single(Of(Evaluate(data, AlertSettingsJson.Parse("""{"look_back_days":14}""")), AlertRule.Detractor));
    }

    [Fact]
    public void ChurnRisk_WithoutAModel_IsNotAvailable()
    {
        var evaluation = Evaluate(Data(["A1"]));

        Assert.Empty(Of(evaluation, AlertRule.ChurnRisk));
        Assert.DoesNotContain(AlertRule.ChurnRisk, evaluation.Evaluated);
        Assert.Equal("not available until the churn model is trained", evaluation.NotEvaluated[AlertRule.ChurnRisk]);
    }

    [Fact]
    public void ChurnRisk_WithAModel_AlertsFromTheThreshold()
    {
        var evaluation = Evaluate(Data(["A1", "B1"]), churn: new FixedChurn(new() { ["A1"] = 0.5m, ["B1"] = 0.49m }));

        Assert.Contains(AlertRule.ChurnRisk, evaluation.Evaluated);
        Assert.Equal([new AlertFinding("churn-risk", "A1", "ann", "churn probability 0.50 (alerting from 0.5) on 2026-12-01")], Of(evaluation, AlertRule.ChurnRisk));
    }

    [Fact]
    public void DisabledRule_IsNotEvaluated()
    {
        var settings = AlertSettingsJson.Parse("""{"rules":{"health-red":{"enabled":false}}}""");

        var evaluation = Evaluate(Data(["R1"]), settings);

        Assert.Empty(Of(evaluation, AlertRule.HealthRed));
        Assert.Equal("disabled", evaluation.NotEvaluated[AlertRule.HealthRed]);
        Assert.Contains(AlertRule.Detractor, evaluation.Evaluated);
    }

    [Fact]
    public void Findings_OrderedByRuleThenAccount_CsmNullWhenNone()
    {
        var data = Data(["R2", "C9", "R1"]);

        var red = Of(Evaluate(data), AlertRule.HealthRed);

        Assert.Equal(["C9", "R1", "R2"], red.Select(f => f.AccountId));
        Assert.Null(red[0].Csm);
    }

    private sealed class FixedChurn(Dictionary<string, decimal> probabilities) : IChurnRiskSource
    {
        public IReadOnlyDictionary<string, decimal>? ProbabilitiesAt(TenureDataSet data, DateTime at) => probabilities;
    }
}
