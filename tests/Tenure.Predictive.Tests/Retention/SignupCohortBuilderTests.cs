using Tenure.Metrics.Drilldown;
using Tenure.Metrics.Inputs;
using Tenure.Predictive.Retention;

namespace Tenure.Predictive.Tests.Retention;

public sealed class SignupCohortBuilderTests
{
    private static DateTime D(int year, int month, int day) => new(year, month, day, 0, 0, 0, DateTimeKind.Utc);

    private static SubscriptionPeriod Paying(string account, DateTime start, DateTime? end) =>
        new($"S-{account}-{start:yyyyMMdd}", account, "basic", start, end, 100m, BillingInterval.Month);

    [Fact]
    public void Build_HandCountedSurvivors_PerSignupMonth()
    {
        // Known at 2024-07-01. A member survives month k while its first spell ends after signup + k months.
        SubscriptionPeriod[] subscriptions =
        [
            Paying("A1", D(2024, 1, 15), null),                 // never lost
            Paying("A2", D(2024, 1, 20), D(2024, 3, 20)),        // 03-20 <= 01-20 + 2 months: lost at 2
            Paying("A3", D(2024, 1, 31), D(2024, 3, 1)),         // 01-31 + 1 month = 02-29 < 03-01; + 2 = 03-31: lost at 2
            Paying("A4", D(2024, 1, 10), D(2024, 2, 5)),         // lost at 1
            Paying("A5", D(2024, 1, 5), D(2024, 3, 5)),          // with the next, one spell to 06-10:
            Paying("A5", D(2024, 3, 5), D(2024, 6, 10)),         // 06-10 > 01-05 + 5 months = 06-05: lost at 6
            Paying("A6", D(2024, 1, 8), D(2024, 8, 1)),          // ends after 07-01: unknown then, so open
            Paying("B1", D(2024, 3, 3), null),
            Paying("B2", D(2024, 3, 10), D(2024, 4, 9)),         // 04-09 <= 03-10 + 1 month: lost at 1
            Paying("C1", D(2024, 6, 12), null),                 // signed up, no whole month observed yet
            Paying("D1", D(2024, 7, 5), null),                  // after 07-01: not known then
        ];

        var cohorts = SignupCohortBuilder.Build(subscriptions, D(2024, 7, 1));

        Assert.Equal(["2024-01", "2024-03", "2024-06"], cohorts.Select(c => c.Name));
        // January: months 1-5 observed (01-01 + 6 months = 07-01 <= 07-01); 6 members, A4 gone at 1, A2 and A3 at 2.
        Assert.Equal([6, 5, 3, 3, 3, 3], cohorts[0].Survivors);
        // March: months 1-3 observed; B2 gone at 1.
        Assert.Equal([2, 1, 1, 1], cohorts[1].Survivors);
        // June: size only.
        Assert.Equal([1], cohorts[2].Survivors);
    }

    [Fact]
    public void Build_OfADataSet_AtEveryDate_CountsFromTheSpellsKnownThen()
    {
        // Histories whose first spell as known at a date differs from the one known later: a period ending exactly at a
        // date, one starting at it, a stretch carried past it by an open period or by an overlapping one, a return after a
        // gap (lost at the first departure), an account that never paid.
        SubscriptionPeriod[] subscriptions =
        [
            Paying("A1", D(2024, 1, 15), D(2024, 3, 15)),
            Paying("A1", D(2024, 3, 15), D(2024, 5, 1)),
            Paying("A1", D(2024, 7, 1), null),
            Paying("A2", D(2024, 1, 31), D(2024, 4, 30)),
            Paying("A2", D(2024, 2, 10), null),
            Paying("A3", D(2024, 2, 1), D(2024, 3, 1)),
            Paying("A3", D(2024, 2, 15), D(2024, 6, 15)),
            Paying("A4", D(2024, 3, 1), D(2024, 4, 1)),
            Paying("A5", D(2024, 4, 1), null),
            new SubscriptionPeriod("S-free", "A6", "free", D(2024, 1, 1), null, 0m, BillingInterval.Month),
        ];
        var data = new TenureDataSet { Subscriptions = subscriptions };
        for (var asOf = D(2024, 1, 1); asOf <= D(2024, 9, 1); asOf = asOf.AddDays(4))
        {
            var cohorts = SignupCohortBuilder.Build(data, asOf);
            // The definition, worked out again at the date: each account's first spell known then (PayingHistory.Spells).
            var expected = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
            foreach (var account in subscriptions.Where(s => s.Amount > 0).GroupBy(s => s.AccountId))
            {
                var spells = Tenure.Predictive.Accounts.PayingHistory.Spells([.. account.OrderBy(s => s.Start)], asOf);
                if (spells.Count == 0 || spells[0].Start >= asOf)
                    continue;
                var month = new DateTime(spells[0].Start.Year, spells[0].Start.Month, 1, 0, 0, 0, DateTimeKind.Utc);
                var observed = 0;
                while (month.AddMonths(observed + 2) <= asOf)
                    observed++;
                var name = month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
                if (!expected.TryGetValue(name, out var counts))
                    expected[name] = counts = [.. new int[observed + 1]];
                // Survives month k while the spell (open, or ending after signup + k months) covers signup + k months.
                for (var k = 0; k <= observed; k++)
                {
                    if (k == 0 || spells[0].End is not { } end || end > spells[0].Start.AddMonths(k))
                        counts[k]++;
                }
            }
            Assert.Equal(expected.Keys, cohorts.Select(c => c.Name));
            Assert.Equal(expected.Values.Select(v => string.Join(',', v)), cohorts.Select(c => string.Join(',', c.Survivors)));
        }
    }

    [Theory]
    [InlineData("plan")]
    [InlineData("csm")]
    public void Build_OfASegment_AfterTheWholes_CountsTheSegmentsOwnAccounts(string filterBy)
    {
        // ann's accounts A1-A3 (plan pro, but A3 basic), bob's B1-B2. ann owns a task on B1: B1 is named in ann's segment
        // (its account with the task) without its subscriptions, so it has no first spell there.
        static Account Customer(string id, string plan, string csm) => new(id, id, D(2023, 12, 1), Plan: plan, Csm: csm);
        var data = new TenureDataSet
        {
            Accounts = [Customer("A1", "pro", "ann"), Customer("A2", "pro", "ann"), Customer("A3", "basic", "ann"), Customer("B1", "pro", "bob"), Customer("B2", "basic", "bob")],
            Subscriptions =
            [
                Paying("A1", D(2024, 1, 15), D(2024, 3, 15)),
                Paying("B1", D(2024, 1, 10), null),
                Paying("A1", D(2024, 3, 15), null),
                Paying("A2", D(2024, 1, 20), D(2024, 2, 15)),       // 02-15 <= 01-20 + 1 month: lost at 1
                Paying("A3", D(2024, 2, 1), null),
                Paying("B2", D(2024, 2, 5), D(2024, 4, 1)),
                new SubscriptionPeriod("S-free", "A2", "free", D(2023, 12, 1), null, 0m, BillingInterval.Month),
            ],
            Tasks = [new CsTask("K1", "ann", "B1", null, D(2024, 2, 1))],
        };
        var filter = filterBy == "plan" ? new SegmentFilter(Plan: "pro") : new SegmentFilter(Csm: "ann");
        var asOf = D(2024, 6, 1);
        // The whole's first, as a server's dashboards are warmed: the segment's spells then come from the whole's.
        var whole = SignupCohortBuilder.Build(data, asOf);
        var segment = SignupCohortBuilder.Build(filter.Apply(data), asOf);

        // January: the whole has A1, A2 and B1 (3 months observed: 01-01 + 5 months <= 06-01, k = 1..4).
        Assert.Equal("3,2,2,2,2", string.Join(',', whole[0].Survivors));
        // pro: A1 and A2 in January (B1 is pro too), none in February; ann: A1 and A2 in January, A3 in February, and B1 not at all.
        var expected = filterBy == "plan" ? new[] { "2024-01:3,2,2,2,2" } : ["2024-01:2,1,1,1,1", "2024-02:1,1,1,1"];
        Assert.Equal(expected, segment.Select(c => $"{c.Name}:{string.Join(',', c.Survivors)}"));
        // The same as the segment's records give when worked out alone (a copy gets derivations of its own).
        Assert.Equal(expected, SignupCohortBuilder.Build(filter.Apply(data) with { }, asOf).Select(c => $"{c.Name}:{string.Join(',', c.Survivors)}"));
    }
}
