using Tenure.Metrics.Inputs;
using Tenure.Predictive.Churn;

namespace Tenure.Predictive.Tests.Churn;

public sealed class ChurnFeatureBuilderTests
{
    private static readonly DateTime Snapshot = Utc(2024, 6, 1);

    private static DateTime Utc(int y, int m, int d) => new(y, m, d, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>A random but reproducible book of 200 accounts over 2023-2024 with every kind the builder reads.</summary>
    private static TenureDataSet RandomDataSet(int seed)
    {
        var random = new Random(seed);
        var start = Utc(2023, 1, 1);
        var accounts = new List<Account>();
        var subscriptions = new List<SubscriptionPeriod>();
        var usage = new List<UsageDay>();
        var tickets = new List<Ticket>();
        var surveys = new List<SurveyResponse>();
        string[] plans = ["basic", "pro", "enterprise"];
        for (var i = 0; i < 200; i++)
        {
            var id = $"acc-{i:D3}";
            var created = start.AddDays(random.Next(0, 450));
            accounts.Add(new Account(id, $"Account {i}", created, Segment: i % 2 == 0 ? "smb" : "mid", Industry: "saas", Region: i % 3 == 0 ? "eu" : "us"));
            var from = created.AddDays(random.Next(0, 20));
            var periods = random.Next(1, 4);
            for (var p = 0; p < periods; p++)
            {
                var monthly = random.Next(0, 3) != 0;
                var length = monthly ? random.Next(1, 10) : 12;
                var to = from.AddMonths(length);
                var open = p == periods - 1 && random.Next(0, 3) == 0;
                subscriptions.Add(new SubscriptionPeriod($"sub-{i}-{p}", id, plans[random.Next(plans.Length)], from, open ? null : to,
                    random.Next(20, 500), monthly ? BillingInterval.Month : BillingInterval.Year, random.Next(1, 5)));
                from = random.Next(0, 4) == 0 ? to.AddDays(random.Next(5, 60)) : to; // sometimes a gap (churn and come back)
            }
            for (var d = created; d < Utc(2025, 1, 1); d = d.AddDays(random.Next(1, 6)))
                usage.Add(new UsageDay(id, $"u{i}-{random.Next(0, 4)}", d, random.Next(1, 40)));
            for (var t = 0; t < random.Next(0, 8); t++)
            {
                var opened = created.AddDays(random.Next(0, 500));
                var resolved = random.Next(0, 4) == 0 ? (DateTime?)null : opened.AddHours(random.Next(1, 400));
                tickets.Add(new Ticket($"t-{i}-{t}", id, opened, opened.AddHours(1), resolved, random.Next(1, 4), random.Next(0, 5) == 0));
            }
            for (var s = 0; s < random.Next(0, 6); s++)
            {
                var nps = random.Next(0, 2) == 0;
                surveys.Add(new SurveyResponse($"r-{i}-{s}", nps ? "nps" : "csat", id, null, nps ? random.Next(0, 11) : random.Next(1, 6),
                    nps ? Scale.ZeroToTen : Scale.OneToFive, null, created.AddDays(random.Next(0, 500))));
            }
        }
        return new TenureDataSet
        {
            Accounts = accounts,
            Subscriptions = subscriptions,
            Usage = usage,
            Tickets = tickets,
            Surveys = surveys,
            Present = InputKind.Accounts | InputKind.Subscriptions | InputKind.Usage | InputKind.Tickets | InputKind.Surveys,
        };
    }

    /// <summary>
    /// The same data set with everything that happened after <paramref name="snapshot"/> rewritten at
    /// random: periods starting later, ends after the snapshot, later usage, tickets opened later and
    /// the later resolution / escalation of earlier tickets, later survey answers.
    /// </summary>
    private static TenureDataSet RewriteFuture(TenureDataSet data, DateTime snapshot, int seed)
    {
        var random = new Random(seed);
        DateTime Later() => snapshot.AddDays(random.Next(0, 400)).AddHours(random.Next(1, 24));
        return new TenureDataSet
        {
            Accounts = data.Accounts,
            Subscriptions = data.Subscriptions.Select(s =>
                s.Start > snapshot ? s with { Start = Later(), End = null, Amount = random.Next(1, 900), Plan = "changed" }
                : s.End > snapshot && s.Interval != BillingInterval.Term ? s with { End = random.Next(0, 3) == 0 ? null : Later().Date.AddDays(1) }
                : s).Concat([new SubscriptionPeriod("new-after", data.Accounts[0].AccountId, "x", snapshot.AddDays(3), null, 999, BillingInterval.Month)]).ToArray(),
            Usage = data.Usage.Select(u => u.Day >= snapshot ? u with { Events = random.Next(0, 1000), UserId = "someone-else" } : u)
                .Concat([new UsageDay(data.Accounts[1].AccountId, "late", snapshot, 500)]).ToArray(),
            Tickets = data.Tickets.Select(t =>
                t.CreatedAt >= snapshot ? t with { CreatedAt = Later(), Escalated = !t.Escalated }
                : t.ResolvedAt is not { } r || r >= snapshot ? t with { ResolvedAt = random.Next(0, 2) == 0 ? null : Later(), Escalated = !t.Escalated, Contacts = 9 }
                : t).ToArray(),
            Surveys = data.Surveys.Select(s => s.SubmittedAt >= snapshot ? s with { Score = random.Next(0, 11), SubmittedAt = Later() } : s).ToArray(),
            Present = data.Present,
        };
    }

    [Fact]
    public void Build_FutureRewritten_FeaturesUnchanged()
    {
        var data = RandomDataSet(1);
        var before = ChurnFeatureBuilder.Build(data, Snapshot);
        Assert.True(before.Rows.Count > 40, $"only {before.Rows.Count} active accounts");
        for (var seed = 0; seed < 5; seed++)
        {
            var after = ChurnFeatureBuilder.Build(RewriteFuture(data, Snapshot, seed), Snapshot);
            Assert.Equal(before.Rows.Select(r => r.AccountId), after.Rows.Select(r => r.AccountId));
            for (var i = 0; i < before.Rows.Count; i++)
                Assert.Equal(before.Rows[i].Values, after.Rows[i].Values);
        }
    }

    [Fact]
    public void Build_UsageAsATable_SameFeatures_InAccountOrderOrNot()
    {
        // A server holds usage as a table (ADR 0350): viewed in place when in account order, grouped otherwise.
        var data = RandomDataSet(2);
        var expected = ChurnFeatureBuilder.Build(data, Snapshot);
        var order = data.Accounts.Select((a, i) => (a.AccountId, i)).ToDictionary(p => p.AccountId, p => p.i);
        var byAccount = data.Usage.OrderBy(u => order[u.AccountId]).ToArray();
        var reversed = byAccount.Reverse().ToArray(); // the last account's rows first: not in account order
        foreach (var usage in new[] { byAccount, reversed })
        {
            var actual = ChurnFeatureBuilder.Build(data with { Usage = UsageDayTable.From(usage) }, Snapshot);
            Assert.Equal(expected.Rows.Select(r => r.AccountId), actual.Rows.Select(r => r.AccountId));
            for (var i = 0; i < expected.Rows.Count; i++)
                Assert.Equal(expected.Rows[i].Values, actual.Rows[i].Values);
        }
    }

    [Fact]
    public void Build_FutureRewritten_LabelsDoChange()
    {
        // The rewrite reaches what the label reads, so the test above would catch a feature that
        // looked past the snapshot the way the label does.
        var data = RandomDataSet(1);
        var before = ChurnFeatureBuilder.Build(data, Snapshot);
        var after = ChurnFeatureBuilder.Build(RewriteFuture(data, Snapshot, 0), Snapshot);
        Assert.NotEqual(before.Rows.Select(r => r.Churned), after.Rows.Select(r => r.Churned));
    }

    [Fact]
    public void Build_HandExample_LabelsAndFeatures()
    {
        // a: monthly 100 since 2024-01-01, ends 2024-07-15 (inside the 90 days) -> churned.
        // b: monthly 50 since 2024-03-01, upgraded to 80 on 2024-05-01, still open -> retained.
        // c: yearly 1200 from 2023-09-01 to 2024-09-01, renewed from 2024-09-01 -> retained (touching periods).
        // d: started after the snapshot -> not a row.
        var data = new TenureDataSet
        {
            Accounts = [new Account("a", "A", Utc(2023, 12, 1)), new Account("b", "B", Utc(2024, 3, 1)), new Account("c", "C", Utc(2023, 9, 1)), new Account("d", "D", Utc(2024, 6, 2))],
            Subscriptions =
            [
                new SubscriptionPeriod("s1", "a", "basic", Utc(2024, 1, 1), Utc(2024, 7, 15), 100, BillingInterval.Month),
                new SubscriptionPeriod("s2", "b", "basic", Utc(2024, 3, 1), Utc(2024, 5, 1), 50, BillingInterval.Month),
                new SubscriptionPeriod("s3", "b", "pro", Utc(2024, 5, 1), null, 80, BillingInterval.Month),
                new SubscriptionPeriod("s4", "c", "pro", Utc(2023, 9, 1), Utc(2024, 9, 1), 1200, BillingInterval.Year),
                new SubscriptionPeriod("s5", "c", "pro", Utc(2024, 9, 1), Utc(2025, 9, 1), 1200, BillingInterval.Year),
                new SubscriptionPeriod("s6", "d", "pro", Utc(2024, 6, 2), null, 10, BillingInterval.Month),
            ],
            Present = InputKind.Accounts | InputKind.Subscriptions,
        };
        var set = ChurnFeatureBuilder.Build(data, Snapshot);
        Assert.Equal(["a", "b", "c"], set.Rows.Select(r => r.AccountId));
        Assert.Equal([true, false, false], set.Rows.Select(r => r.Churned));
        double Value(string account, string column) =>
            (double)set.Rows.Single(r => r.AccountId == account).Values[set.Columns.ToList().FindIndex(c => c.Name == column)];
        Assert.Equal(80, Value("b", "mrr"));
        Assert.Equal(30, Value("b", "mrr_change_90d")); // 50 on 2024-03-03, 80 now
        Assert.Equal(1, Value("b", "expansions_90d"));
        Assert.Equal(100, Value("c", "mrr"));
        Assert.Equal(92, Value("c", "days_to_renewal")); // 2024-06-01 -> 2024-09-01
        Assert.Equal(152, Value("a", "tenure_days")); // 2024-01-01 -> 2024-06-01
        Assert.Equal("pro", set.Rows.Single(r => r.AccountId == "b").Values[0]);
        Assert.DoesNotContain(set.Columns, c => c.Name.StartsWith("usage", StringComparison.Ordinal)); // no usage.csv given
    }

    [Fact]
    public void Build_OpenTicketResolvedAfterSnapshot_CountsAsOpen()
    {
        var data = new TenureDataSet
        {
            Accounts = [new Account("a", "A", Utc(2024, 1, 1))],
            Subscriptions = [new SubscriptionPeriod("s", "a", "basic", Utc(2024, 1, 1), null, 10, BillingInterval.Month)],
            Tickets =
            [
                new Ticket("t1", "a", Utc(2024, 5, 20), ResolvedAt: Utc(2024, 6, 3), Escalated: true),
                new Ticket("t2", "a", Utc(2024, 5, 10), ResolvedAt: Utc(2024, 5, 12), Escalated: true),
            ],
            Present = InputKind.Accounts | InputKind.Subscriptions | InputKind.Tickets,
        };
        var set = ChurnFeatureBuilder.Build(data, Snapshot);
        var columns = set.Columns.Select(c => c.Name).ToList();
        var row = set.Rows.Single();
        Assert.Equal(1.0, row.Values[columns.IndexOf("open_tickets")]);
        Assert.Equal(2.0, row.Values[columns.IndexOf("tickets_90d")]);
        Assert.Equal(1.0, row.Values[columns.IndexOf("escalated_tickets_90d")]); // t1's escalation is not known yet
        Assert.Equal(48.0, row.Values[columns.IndexOf("mean_resolution_hours_90d")]);
    }

    [Fact]
    public void ToTable_TrainsAndScores()
    {
        var set = ChurnFeatureBuilder.Build(RandomDataSet(2), Snapshot);
        var table = set.ToTable();
        Assert.Equal(set.Rows.Count, table.RowCount);
        var model = ChurnTrainer.Train(table, ChurnFeatureSet.IdColumn, set.LabelColumn, new ChurnTrainerOptions { Trees = 20, MinimumExamplesPerLeaf = 5 });
        Assert.All(model.Score(table), p => Assert.InRange(p, 0f, 1f));
        var csv = new StringWriter();
        set.WriteCsv(csv);
        Assert.StartsWith("account_id,plan,billing_interval,", csv.ToString(), StringComparison.Ordinal);
        Assert.Contains(",churned_within_90d", csv.ToString().Split('\n')[0], StringComparison.Ordinal);
    }
}
