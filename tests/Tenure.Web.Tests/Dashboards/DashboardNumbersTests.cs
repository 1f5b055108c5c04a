using Tenure.Demo;
using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Drilldown;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;
using Tenure.Metrics.Reporting;
using Tenure.Web.Dashboards;

namespace Tenure.Web.Tests.Dashboards;

/// <summary>Issue #9: numbers a manager would doubt. Each test would have caught the flaw it is named after.</summary>
public sealed class DashboardNumbersTests
{
    private static DateTime D(int y, int m, int d = 1) => new(y, m, d, 0, 0, 0, DateTimeKind.Utc);

    private static readonly Lazy<TenureDataSet> demo = new(() => DemoDataGenerator.Generate(new DemoOptions()).ToTenureDataSet());

    private static DashboardQuery Month(int y, int m) => DashboardQuery.Parse(k => k switch { "period" => "month", "date" => $"{y:D4}-{m:D2}-01", _ => null }, D(2030, 1), out _);

    private static DashboardContext Context(TenureDataSet data, DashboardQuery query) => new(data, query, () => query.Filter.Apply(data));

    /// <summary>
    /// May 2024: a (csm ann) answers NPS 3 and 10, b (csm ann) 9, c (csm bo) 7; e (csm bo) answers NPS 2 in April.
    /// Tickets: t1 of a, agent zoe, with a CSAT 5 on 1-5 about it.
    /// </summary>
    private static TenureDataSet Surveys() => new()
    {
        Present = InputKind.Accounts | InputKind.Surveys | InputKind.Tickets,
        Accounts =
        [
            new("a", "Alpha", D(2023, 1), Csm: "ann"),
            new("b", "Beta", D(2023, 1), Csm: "ann"),
            new("c", "Gamma", D(2023, 1), Csm: "bo"),
            new("e", "Epsilon", D(2023, 1), Csm: "bo"),
        ],
        Tickets = [new("t1", "a", D(2024, 5, 2), ResolvedAt: D(2024, 5, 3), Agent: "zoe")],
        Surveys =
        [
            new("r1", "nps", "a", null, 3, Scale.ZeroToTen, null, D(2024, 5, 3)),
            new("r2", "nps", "a", null, 10, Scale.ZeroToTen, null, D(2024, 5, 4)),
            new("r3", "nps", "b", null, 9, Scale.ZeroToTen, null, D(2024, 5, 5)),
            new("r4", "nps", "c", null, 7, Scale.ZeroToTen, null, D(2024, 5, 6)),
            new("r5", "nps", "e", null, 2, Scale.ZeroToTen, null, D(2024, 4, 6)),
            new("r6", "csat", "a", null, 5, Scale.OneToFive, null, D(2024, 5, 3), TicketId: "t1"),
        ],
    };

    [Fact]
    public void NpsDrill_StatesDetractorsOfResponses_AndChecksTheCount_NotThePoints()
    {
        var data = Surveys();
        var model = AccountsList.Build(data, AccountsList.Summaries(Metrics.Accounts.AccountBook.Of(data), D(2024, 6)),
            AccountsQuery.Parse(k => k switch { "drill" => "nps-detractors", "from" => "2024-05-01", "to" => "2024-06-01", _ => null }, null),
            D(2024, 6), AccountsList.Choices(data));
        var drill = model.Drill!;
        // May: 4 answers (3, 10, 9, 7): 1 detractor (a's 3), 2 promoters, 1 passive; NPS = (2 - 1) / 4 x 100 = 25.
        Assert.Equal("1 detractor answer of 4 NPS responses (1 account)", drill.Statement);
        Assert.Equal(DrillCheck.Matches, drill.Check);
        Assert.Equal("detractors on the card: 1", drill.CardFigure);
        Assert.Equal("Net Promoter Score 25.0", drill.CardValue);
    }

    [Fact]
    public void EveryDrill_ComparesLikeWithLike()
    {
        // The flaw: "card: 30.4 ✓ adds up" beside 4 detractors. A list is checked against the card's value only when
        // the card counts or sums the same things; otherwise against a named part of the card's breakdown.
        foreach (var d in AccountDrilldown.Definitions)
        {
            if (d.CardPart is not null) continue;
            var card = MetricCatalogue.Get(d.MetricId).Unit;
            var list = d.AddsUp == DrillTotal.Amount ? d.AmountUnit : MetricUnit.Count;
            Assert.True(card == list, $"{d.Id}: its list sums to {list} but is checked against the {d.MetricId} card in {card}; give it a CardPart.");
        }
    }

    [Fact]
    public void EveryDrill_OnTheDemo_IsCheckedAndAddsUp()
    {
        var data = demo.Value;
        var summaries = AccountsList.Summaries(Metrics.Accounts.AccountBook.Of(data), D(2026, 11));
        foreach (var d in AccountDrilldown.Definitions)
        {
            var model = AccountsList.Build(data, summaries,
                AccountsQuery.Parse(k => k switch { "drill" => d.Id, "from" => "2026-09-01", "to" => "2026-10-01", _ => null }, null),
                D(2026, 11), AccountsList.Choices(data));
            Assert.True(model.Drill!.Check == DrillCheck.Matches, $"{d.Id}: {model.Drill.Statement} / {model.Drill.CardFigure} ({model.Drill.Check})");
        }
    }

    [Fact]
    public void Card_WithoutAFigureThisMonth_SaysSo_AndShowsThePreviousFigure()
    {
        // April has e's NPS 2 (one detractor: -100); June has no answer at all.
        var data = Surveys();
        var june = Month(2024, 6);
        var card = ExecutiveDashboard.Build(Context(data, june), Metrics.Benchmarks.BenchmarkCatalogue.Default, null).Headlines.Single(h => h.Card.MetricId == "nps").Card;
        Assert.Null(card.Value);
        Assert.Equal(25m, card.PreviousValue); // May: (2 - 1) / 4 x 100
        Assert.Equal("no figure for Jun 2024 · May 2024: 25.0", card.Comparison);

        var may = ExecutiveDashboard.Build(Context(data, Month(2024, 5)), Metrics.Benchmarks.BenchmarkCatalogue.Default, null).Headlines.Single(h => h.Card.MetricId == "nps").Card;
        Assert.Null(may.Comparison); // both figures: the change is shown
        Assert.Equal("+125.0 pts", may.Change); // 25 - (-100)

        var march = ExecutiveDashboard.Build(Context(data, Month(2024, 3)), Metrics.Benchmarks.BenchmarkCatalogue.Default, null).Headlines.Single(h => h.Card.MetricId == "nps").Card;
        Assert.Equal("no figure for Mar 2024 or Feb 2024", march.Comparison);
        var april = ExecutiveDashboard.Build(Context(data, Month(2024, 4)), Metrics.Benchmarks.BenchmarkCatalogue.Default, null).Headlines.Single(h => h.Card.MetricId == "nps").Card;
        Assert.Equal("no figure for Mar 2024 to compare with", april.Comparison);
    }

    /// <summary>
    /// A support view of a segment reads the segment's tickets and survey answers, never its usage, invoices,
    /// subscriptions or users, which the segment narrows only when read (docs/adr/0410); its cards and per-agent table are
    /// those of the same segment with every kind made.
    /// </summary>
    [Fact]
    public void SupportView_OfASegment_NarrowsOnlyTheKindsItReads_AndShowsTheSameFigures()
    {
        var data = demo.Value;
        var query = DashboardQuery.Parse(k => k switch { "period" => "year", "date" => "2026-06-01", "plan" => "growth", _ => null }, D(2030, 1), out _);
        TenureDataSet? segment = null;

        var support = SupportDashboard.Build(new DashboardContext(data, query, () => segment = query.Filter.Apply(data)));

        Assert.NotNull(segment);
        const InputKind unread = InputKind.Usage | InputKind.Invoices | InputKind.Subscriptions | InputKind.Users;
        Assert.Equal(unread, segment.Deferred & unread);
        var made = new TenureDataSet
        {
            Accounts = segment.Accounts,
            Subscriptions = segment.Subscriptions,
            Invoices = segment.Invoices,
            Users = segment.Users,
            Usage = segment.Usage,
            Surveys = segment.Surveys,
            Tickets = segment.Tickets,
            Costs = segment.Costs,
            Offers = segment.Offers,
            Referrals = segment.Referrals,
            Milestones = segment.Milestones,
            Programs = segment.Programs,
            Tasks = segment.Tasks,
            Notes = segment.Notes,
            SurveySends = segment.SurveySends,
            Present = segment.Present,
        };
        Assert.Equal(InputKind.None, segment.Deferred);
        var again = SupportDashboard.Build(new DashboardContext(data, query, () => made));
        Assert.True(support.PerAgent.Rows.Count > 1);
        Assert.Equal(again.Cards.Select(c => (c.MetricId, c.Display)), support.Cards.Select(c => (c.MetricId, c.Display)));
        Assert.Equal(again.PerAgent.Rows.Select(r => (r.Label, string.Join('|', r.Cells))), support.PerAgent.Rows.Select(r => (r.Label, string.Join('|', r.Cells))));
    }

    [Fact]
    public void SurveyScores_CarryTheirResponseCount_OnCardsAndPerCsmAndPerAgent()
    {
        var data = Surveys();
        var context = Context(data, Month(2024, 5));
        var support = SupportDashboard.Build(context);
        Assert.Equal("n = 4 responses", support.Cards.Single(c => c.MetricId == "nps").Sample);
        Assert.Equal("n = 1 response", support.Cards.Single(c => c.MetricId == "csat").Sample);
        Assert.Null(support.Cards.Single(c => c.MetricId == "tickets").Sample);

        // zoe: one CSAT answer, 5 on 1-5 (positive): 100 % from n = 1.
        var csat = support.PerAgent.Columns.ToList().FindIndex(c => c.MetricId == "csat");
        Assert.Equal("100.00 % (n = 1)", support.PerAgent.Rows.Single(r => r.Label == "zoe").Cells[csat]);

        // Per CSM in May: ann has 3, 10, 9 -> (2 - 1) / 3 x 100 = 33.3 from 3; bo has c's 7 -> 0.0 from 1.
        var manager = CsManagerDashboard.Build(context);
        var nps = manager.PerCsm.Columns.ToList().FindIndex(c => c.MetricId == "nps");
        Assert.Equal("33.3 (n = 3)", manager.PerCsm.Rows.Single(r => r.Label == "ann").Cells[nps]);
        Assert.Equal("0.0 (n = 1)", manager.PerCsm.Rows.Single(r => r.Label == "bo").Cells[nps]);
    }

    /// <summary>x and y sign up in Sep 2024 (100 and 50 a month), y leaves on Sep 25; z signs up in Oct 2024 (80).</summary>
    private static TenureDataSet Cohort() => new()
    {
        Present = InputKind.Accounts | InputKind.Subscriptions,
        Accounts = [new("x", "X", D(2024, 9, 5)), new("y", "Y", D(2024, 9, 10)), new("z", "Z", D(2024, 10, 2))],
        Subscriptions =
        [
            new("s-x", "x", "pro", D(2024, 9, 5), null, 100m, BillingInterval.Month),
            new("s-y", "y", "pro", D(2024, 9, 10), D(2024, 9, 25), 50m, BillingInterval.Month),
            new("s-z", "z", "pro", D(2024, 10, 2), null, 80m, BillingInterval.Month),
        ],
    };

    [Fact]
    public void Cohorts_StartAt100Percent_AndCountLossesFromM1()
    {
        var (rows, unavailable) = SaasDashboard.Cohorts(Context(Cohort(), Month(2024, 11)));
        Assert.Null(unavailable);
        var sep = rows.Single(r => r.Cohort == "2024-09");
        Assert.Equal(2m, sep.NewCustomers);
        Assert.Equal(150m, sep.StartingMrr); // new MRR 100 + 50
        // M0 100 % of 2 (y left inside September: not at the close, but the cohort's size); M1, M2: 1 of 2 = 50 %.
        Assert.Equal([100m, 50m, 50m], sep.Logo);
        // Revenue: 150 -> 100 at the close of Oct and Nov = 66.67 %.
        Assert.Equal(100m, sep.Revenue[0]);
        Assert.Equal(100m * 100m / 150m, sep.Revenue[1]);
        var oct = rows.Single(r => r.Cohort == "2024-10");
        Assert.Equal([100m, 100m], oct.Logo);
        Assert.All(rows.Where(r => r.NewCustomers > 0), r => Assert.Equal(100m, r.Logo[0]));
    }

    [Fact]
    public void ClvCard_IsOverTheTrailing12Months_AndSaysSo()
    {
        var data = demo.Value;
        var query = Month(2026, 10);
        var card = SaasDashboard.Build(Context(data, query)).Cards.Single(c => c.MetricId == "clv");
        var expected = MetricEngine.Compute(data, new MetricRequest(D(2025, 11), D(2026, 11), Granularity.Range, SegmentBy.None, ["clv"])).Single(r => r.Segment == "all");
        var previous = MetricEngine.Compute(data, new MetricRequest(D(2025, 10), D(2026, 10), Granularity.Range, SegmentBy.None, ["clv"])).Single(r => r.Segment == "all");
        Assert.Equal(expected.Value.Value, card.Value);
        Assert.Equal(previous.Value.Value, card.PreviousValue);
        Assert.Contains("trailing 12 months (2025-11-01 – 2026-10-31)", card.Name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("year", "2025-06-15", 2024, 2025, 2026)]
    [InlineData("custom", null, 2024, 2025, 2026)]
    public void ClvCard_OfAViewWhoseTwoTrailingYearsMeet_IsEachYearsOwn(string period, string? date, int before, int previousEnd, int currentEnd)
    {
        // A year view (2025; previous 2024) and a custom range of twelve months (2025-01-01 .. 2026-01-01): the trailing
        // windows are 2024 and 2025, back to back, computed in one pass cut where they meet. Each must be its own range's.
        var data = demo.Value;
        var text = new Dictionary<string, string?> { ["period"] = period, ["date"] = date, ["from"] = $"{previousEnd}-01-01", ["to"] = $"{currentEnd}-01-01" };
        var query = DashboardQuery.Parse(text.GetValueOrDefault, D(2026, 11), out var error);
        Assert.Null(error);
        Assert.Equal(D(currentEnd, 1), query.Current.End);
        var card = SaasDashboard.Build(Context(data, query)).Cards.Single(c => c.MetricId == "clv");
        var expected = MetricEngine.Compute(data, new MetricRequest(D(previousEnd, 1), D(currentEnd, 1), Granularity.Range, SegmentBy.None, ["clv"])).Single(r => r.Segment == "all");
        var previous = MetricEngine.Compute(data, new MetricRequest(D(before, 1), D(previousEnd, 1), Granularity.Range, SegmentBy.None, ["clv"])).Single(r => r.Segment == "all");
        Assert.NotNull(expected.Value.Value);
        Assert.NotEqual(expected.Value.Value, previous.Value.Value);
        Assert.Equal(expected.Value.Value, card.Value);
        Assert.Equal(previous.Value.Value, card.PreviousValue);
        Assert.Contains($"trailing 12 months ({previousEnd}-01-01 – {previousEnd}-12-31)", card.Name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1234.5, "EUR", "1,235 EUR")]
    [InlineData(-0.5, "USD", "-1 USD")]
    [InlineData(128450.4999, null, "128,450")]
    [InlineData(10, CardMoney.Mixed, "10 (mixed currencies)")]
    public void CardMoney_IsWholeUnitsWithTheCurrency(decimal value, string? currency, string expected) =>
        Assert.Equal(expected, CardMoney.Whole(value, currency));

    [Fact]
    public void MoneyCards_ShowTheTenantsCurrency()
    {
        var cohort = Cohort();
        var data = new TenureDataSet { Present = cohort.Present, Accounts = [.. cohort.Accounts.Select(a => a with { Currency = "eur" })], Subscriptions = cohort.Subscriptions };
        var kpi = KpiDashboard.Build(Context(data, Month(2024, 10)));
        // New MRR: Oct 2024 z's 80; Sep 2024 x 100 + y 50 = 150; change 80 - 150 = -70, 70 / 150 = 46.7 %.
        var card = kpi.Cards.Single(c => c.MetricId == "new-mrr");
        Assert.Equal("80 EUR", card.Display);
        Assert.Equal("150 EUR", card.PreviousDisplay);
        Assert.Equal("−70 (−46.7 %)", card.Change);
    }

    [Fact]
    public void MetricCsv_KeepsExactValues()
    {
        var period = new Period(D(2024, 5), D(2024, 6), Granularity.Month);
        using var text = new StringWriter();
        MetricCsv.WriteResults(text, [new MetricResult("mrr", period, "csm=a,b", new MetricValue(1234.5678912345m), MetricUnit.Money)]);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(MetricCsv.Header, lines[0]);
        // 9 decimals, half to even: ...234|5 -> ...234; the segment holds a comma, so it is quoted.
        Assert.Equal("mrr,2024-05-01,2024-06-01,\"csm=a,b\",1234.567891234,,,,,money,", lines[1]);
    }

    [Fact]
    public void DataCoverage_SaysWhenThePeriodIsPastTheLastData()
    {
        var data = Cohort(); // last instant: z's start, 2024-10-02
        var coverage = DataCoverage.Of(data);
        Assert.Equal(D(2024, 10, 2), coverage.LastInstant);
        Assert.Null(coverage.NoticeFor(Month(2024, 9).Current, "Sep 2024"));
        Assert.Equal("Data ends 2024-10-02: Oct 2024 runs past the last data, so its figures cover only part of it.", coverage.NoticeFor(Month(2024, 10).Current, "Oct 2024"));
        Assert.StartsWith("Data ends 2024-10-02: Dec 2024 is after the last data", coverage.NoticeFor(Month(2024, 12).Current, "Dec 2024"), StringComparison.Ordinal);
        // The default month: by the clock on 2024-12-15 it would be Nov 2024; the data ends in October, so Sep 2024.
        var q = DashboardQuery.Parse(_ => null, coverage.DefaultNow(D(2024, 12, 15)), out _);
        Assert.Equal(D(2024, 9), q.Current.Start);
        Assert.Equal(D(2024, 10, 3), coverage.DefaultNow(D(2024, 12, 15)));
        Assert.Equal(D(2024, 10, 1), coverage.DefaultNow(D(2024, 10, 1))); // the clock is earlier: the clock
    }
}
