using Tenure.Metrics.Health;
using Tenure.Metrics.Inputs;
using Tenure.Web.Dashboards;
using Tenure.Web.Settings;

namespace Tenure.Web.Tests.Dashboards;

/// <summary>
/// The health screens' page models (docs/health.md) on five hand-made accounts at D = 2024-06-01, default model:
/// R (ann, MRR 300): 10 users, no usage -> 0 (x30); one NPS 0 -> NPS -100 -> 0 (x20); no trouble -> 100 (x15); MRR 300
///   at D-90d and D -> 50 (x15); no touch: engagement missing; coverage ends 2024-07-01, 30 days -> 33.33 (x10):
///   (0 + 0 + 1500 + 750 + 333.33) / 90 = 28.70 -> 28.7 red.
/// Y (ann, MRR 500): open since 2023: one NPS 0 -> 0 (x20), support 100 (x15), revenue 50 (x15), renewal 100 (x10):
///   3250 / 60 = 54.17 -> 54.2 yellow.
/// Y2 (bob, MRR 500): as Y plus a note on 2024-05-02, 30 days before D -> engagement 100 (x10): 4250 / 70 = 60.71 -> 60.7 yellow.
/// G (bob, MRR 1000): as Y without NPS: 3250 / 40 = 81.25 -> 81.3 green.
/// X (ann): coverage ended 2024-01-01: not a customer, no score.
/// </summary>
public sealed class HealthScreensTests
{
    private static readonly DateTime D = Utc(2024, 6, 1);

    private static DateTime Utc(int year, int month, int day) => new(year, month, day, 0, 0, 0, DateTimeKind.Utc);

    private static readonly TenureDataSet Data = new()
    {
        Accounts =
        [
            new Account("G", "Green Co", Utc(2023, 1, 1), Csm: "bob"),
            new Account("R", "Red Co", Utc(2023, 1, 1), Csm: "ann"),
            new Account("X", "Gone Co", Utc(2023, 1, 1), Csm: "ann"),
            new Account("Y", "Yellow Co", Utc(2023, 1, 1), Csm: "ann"),
            new Account("Y2", "Yellow Two", Utc(2023, 1, 1), Csm: "bob"),
        ],
        Subscriptions =
        [
            new SubscriptionPeriod("g", "G", "pro", Utc(2023, 1, 1), null, 1000m, BillingInterval.Month),
            new SubscriptionPeriod("r", "R", "pro", Utc(2024, 1, 1), Utc(2024, 7, 1), 300m, BillingInterval.Month),
            new SubscriptionPeriod("x", "X", "pro", Utc(2023, 1, 1), Utc(2024, 1, 1), 100m, BillingInterval.Month),
            new SubscriptionPeriod("y", "Y", "pro", Utc(2023, 1, 1), null, 500m, BillingInterval.Month),
            new SubscriptionPeriod("y2", "Y2", "pro", Utc(2023, 1, 1), null, 500m, BillingInterval.Month),
        ],
        Users = [.. Enumerable.Range(1, 10).Select(i => new User($"u{i}", "R", Utc(2024, 1, 1)))],
        Surveys =
        [
            new SurveyResponse("s1", "nps", "R", "u1", 0, Scale.ZeroToTen, null, Utc(2024, 5, 1)),
            new SurveyResponse("s2", "nps", "Y", null, 0, Scale.ZeroToTen, null, Utc(2024, 5, 1)),
            new SurveyResponse("s3", "nps", "Y2", null, 0, Scale.ZeroToTen, null, Utc(2024, 5, 1)),
        ],
        Tickets = [new Ticket("t1", "G", Utc(2023, 1, 1), ResolvedAt: Utc(2023, 1, 2))],
        Notes = [new Note("n1", "Y2", Utc(2024, 5, 2), "call", "QBR")],
        Present = InputKind.Accounts | InputKind.Subscriptions | InputKind.Users | InputKind.Usage | InputKind.Surveys | InputKind.Tickets | InputKind.Notes,
    };

    private static HealthBoard Board() => new(D, WorkspaceHealthModel.Default, HealthScores.At(HealthData.Of(Data), HealthModel.Default, D));

    private static AccountsListModel List(string query)
    {
        var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        var book = Metrics.Accounts.AccountBook.Of(Data);
        return AccountsList.Build(Data, AccountsList.Summaries(book, D), AccountsQuery.Parse(k => pairs.GetValueOrDefault(k), null), D, AccountsList.Choices(Data), health: Board());
    }

    private static string Ids(AccountsListModel m) => string.Join(",", m.Rows.Select(r => r.Summary.Account.AccountId));

    [Fact]
    public void Board_ScoresAsWorkedOut()
    {
        var board = Board();
        Assert.Equal((28.7m, HealthBand.Red), (board.Of("R")!.Score, board.Of("R")!.Band));
        Assert.Equal((54.2m, HealthBand.Yellow), (board.Of("Y")!.Score, board.Of("Y")!.Band));
        Assert.Equal((60.7m, HealthBand.Yellow), (board.Of("Y2")!.Score, board.Of("Y2")!.Band));
        Assert.Equal((81.3m, HealthBand.Green), (board.Of("G")!.Score, board.Of("G")!.Band));
        Assert.Null(board.Of("X"));
    }

    [Fact]
    public void HealthDates_LastTouchAndPaidUntil_FromTheFactors()
    {
        var board = Board();
        Assert.Equal(Utc(2024, 5, 2), board.Of("Y2")!.LastTouch(D));
        Assert.Null(board.Of("Y")!.LastTouch(D)); // no task or note
        Assert.Equal(Utc(2024, 7, 1), board.Of("R")!.PaidUntil(D));
        Assert.Null(board.Of("G")!.PaidUntil(D)); // open coverage
    }

    [Fact]
    public void AtRisk_RedAndYellowOnly_ByMrrAtRisk_ThenLowerScore()
    {
        var book = Metrics.Accounts.AccountBook.Of(Data);
        var model = AtRiskList.Build(AccountsList.Summaries(book, D), Board(), AccountScope.Everything, null, null, []);
        // Y and Y2 both put 500 at risk: the lower score (Y, 54.2) first; then R's 300. G is green, X not a customer.
        Assert.Equal(["Y", "Y2", "R"], model.Rows.Select(r => r.Summary.Account.AccountId));
        Assert.Equal([500m, 500m, 300m], model.Rows.Select(r => r.MrrAtRisk));
        Assert.Equal((1, 2, 1300m), (model.Red, model.Yellow, model.MrrAtRisk));
        // R's worst: usage 0 and sentiment 0 (ties in factor order); engagement is missing, so it is not among them.
        Assert.Equal([HealthFactor.Usage, HealthFactor.Sentiment], model.Rows[2].WorstFactors.Select(f => f.Factor));
        Assert.Equal(Utc(2024, 7, 1), model.Rows[2].PaidUntil);

        var ann = AtRiskList.Build(AccountsList.Summaries(book, D), Board(), new AccountScope("ann"), null, null, []);
        Assert.Equal(["Y", "R"], ann.Rows.Select(r => r.Summary.Account.AccountId));
        var red = AtRiskList.Build(AccountsList.Summaries(book, D), Board(), AccountScope.Everything, "ann", "red", []);
        Assert.Equal(["R"], red.Rows.Select(r => r.Summary.Account.AccountId));
        Assert.Equal(300m, red.MrrAtRisk);
    }

    [Theory]
    [InlineData("sort=score", "R,Y,Y2,G,X")] // no score last
    [InlineData("sort=-score", "G,Y2,Y,R,X")]
    [InlineData("sort=band", "R,Y,Y2,G,X")] // red, yellow (lower score first), green, none
    [InlineData("sort=-band", "G,Y2,Y,R,X")]
    [InlineData("sort=paid_until", "R,G,Y,Y2,X")] // a date before open coverage; ties by id
    [InlineData("sort=last_touch", "Y2,G,R,X,Y")] // only Y2 has a touch
    [InlineData("band=yellow", "Y,Y2")]
    [InlineData("band=RED", "R")]
    [InlineData("band=none", "X")]
    [InlineData("band=blue", "X,G,R,Y,Y2")] // not a band: no filter (by name: Gone, Green, Red, Yellow, Yellow Two)
    public void AccountsList_HealthSortAndBandFilter(string query, string expected) =>
        Assert.Equal(expected, Ids(List(query)));

    [Fact]
    public void AccountsList_BandSurvivesThePagerAndSortLinks()
    {
        var m = List("band=yellow&sort=-score");
        Assert.Equal("csm=%2A&band=yellow&sort=-score", m.Query.With());
        Assert.Equal("csm=%2A&band=yellow&sort=score", m.Query.With(("sort", "score")));
    }

    [Fact]
    public void Explanation_SaysWhatEachFactorMeasured_AndWhyOneIsMissing()
    {
        var r = HealthExplanation.Explain(Board().Of("R")!, HealthModel.Default, D);
        var text = r.Factors.ToDictionary(f => f.Score.Factor, f => f.Measured);
        Assert.Equal("0 % of the account's users used the product in the last 30 days.", text[HealthFactor.Usage]);
        Assert.Equal("NPS -100 from the latest answer of each person in the last 180 days.", text[HealthFactor.Sentiment]);
        Assert.Equal("MRR unchanged against 90 days ago.", text[HealthFactor.RevenueTrend]);
        Assert.Equal("Missing: no completed CSM task and no note for this account before today.", text[HealthFactor.Engagement]);
        Assert.Equal("Paid coverage ends in 30 days, on 2024-07-01.", text[HealthFactor.Renewal]);
        // Shares of the weighted mean: present weights 30 + 20 + 15 + 15 + 10 = 90; usage 30 / 90.
        Assert.Equal(30m / 90m, r.Factors[0].Share);
        Assert.Null(r.Factors[(int)HealthFactor.Engagement].Share);
        Assert.Contains("CSM engagement has no data", r.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Clv_SaysWhyItCannotBeFitted()
    {
        Assert.Contains("no invoices", ClvBoard.Fit(Data, D).Unavailable, StringComparison.Ordinal);
        var once = Data with { Invoices = [new Invoice("i1", "G", Utc(2024, 1, 1), 1000m, InvoiceKind.Recurring), new Invoice("i2", "Y", Utc(2024, 1, 1), 500m, InvoiceKind.Recurring)] };
        var board = ClvBoard.Fit(once, D);
        Assert.Null(board.Model);
        Assert.Equal("2 account(s) have charges before 2024-05-31 and 0 of them more than one: the spend model needs accounts that bought again", board.Unavailable);
        Assert.Null(board.Of("G"));
    }
}
