using Tenure.Metrics.Accounts;
using Tenure.Metrics.Health;
using Tenure.Metrics.Inputs;
using Tenure.Web.Dashboards;
using Tenure.Web.Settings;

namespace Tenure.Web.Tests.Dashboards;

/// <summary>
/// The accounts list's page taken from a heap of the first rows (an early page of a long list) is the page of the
/// whole list sorted: every sort key, both directions, every page, on 240 accounts whose names, CSMs, MRRs and
/// renewal dates repeat (ties broken by account id), a tenth of them not customers at D (no health, blank dates).
/// </summary>
public sealed class AccountsListPageTests
{
    private static readonly DateTime D = new(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly TenureDataSet Data = Make(240);

    private static TenureDataSet Make(int count)
    {
        var random = new Random(7);
        var accounts = new List<Account>();
        var subscriptions = new List<SubscriptionPeriod>();
        var notes = new List<Note>();
        // Ids in a shuffled order, so the data's order is not the id order the ties fall back on.
        foreach (var i in Enumerable.Range(0, count).OrderBy(_ => random.Next()))
        {
            var id = $"A{i:D4}";
            accounts.Add(new Account(id, $"Name {random.Next(30)}", D.AddYears(-2), Csm: random.Next(5) == 0 ? null : $"csm{random.Next(4)}", Plan: $"plan{random.Next(3)}"));
            var start = D.AddDays(-random.Next(30, 400));
            // One in ten ended before D (not a customer); others end on one of a few dates after D, or never.
            DateTime? end = random.Next(10) == 0 ? D.AddDays(-5) : random.Next(3) == 0 ? null : D.AddDays(30 * random.Next(1, 4));
            subscriptions.Add(new SubscriptionPeriod($"s{i}", id, "pro", start, end, 100m * random.Next(1, 6), BillingInterval.Month));
            if (random.Next(2) == 0)
                notes.Add(new Note($"n{i}", id, D.AddDays(-random.Next(1, 5)), "call", "check-in"));
        }
        return new TenureDataSet
        {
            Accounts = accounts,
            Subscriptions = subscriptions,
            Notes = notes,
            Present = InputKind.Accounts | InputKind.Subscriptions | InputKind.Notes,
        };
    }

    private static AccountsListModel List(string query, int pageSize)
    {
        var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        var health = new HealthBoard(D, WorkspaceHealthModel.Default, HealthScores.At(HealthData.Of(Data), HealthModel.Default, D));
        return AccountsList.Build(Data, AccountsList.Summaries(AccountBook.Of(Data), D), AccountsQuery.Parse(k => pairs.GetValueOrDefault(k), null), D,
            AccountsList.Choices(Data), health: health, pageSize: pageSize);
    }

    // Each list scores health anew (new factor arrays): rows compare by what they show.
    private static List<(string, decimal, decimal?, DateTime?, DateTime?)> Shown(IEnumerable<AccountRow> rows) =>
        [.. rows.Select(r => (r.Summary.Account.AccountId, r.Summary.Mrr, r.Health?.Score, r.PaidUntil, r.LastTouch))];

    public static TheoryData<string> Sorts => [.. AccountsQuery.SortKeys.SelectMany(k => new[] { k, "-" + k })];

    [Theory]
    [MemberData(nameof(Sorts))]
    public void EveryPage_IsThatSliceOfTheWholeListSorted(string sort)
    {
        var whole = List($"sort={sort}", int.MaxValue).Rows;
        Assert.Equal(240, whole.Count);
        // Pages of 7: the first eight keep under a quarter of the list (the heap), the later ones sort it all.
        for (var page = 1; page <= 35; page++)
        {
            var m = List($"sort={sort}&page={page}", 7);
            Assert.Equal(240, m.Total);
            Assert.Equal(Shown(whole.Skip((page - 1) * 7).Take(7)), Shown(m.Rows));
        }
    }

    [Fact]
    public void AFilteredPage_AndAPagePastTheEnd()
    {
        var whole = List("plan=plan1&sort=-mrr", int.MaxValue).Rows;
        Assert.All(whole, r => Assert.Equal("plan1", r.Summary.Account.Plan));
        Assert.Equal(Shown(whole.Take(5)), Shown(List("plan=plan1&sort=-mrr", 5).Rows));
        Assert.Empty(List("plan=plan1&sort=-mrr&page=1000", 5).Rows);
    }

    [Fact]
    public void RowsShown_CarryTheDatesHealthImplies_WhateverTheSort()
    {
        // By name, the dates are worked out for the page's rows only: still there on every row with a score.
        var rows = List("sort=name", 10).Rows;
        Assert.Contains(rows, r => r.PaidUntil is not null);
        Assert.Contains(rows, r => r.LastTouch is not null);
        foreach (var r in rows)
        {
            Assert.Equal(r.Health?.PaidUntil(D), r.PaidUntil);
            Assert.Equal(r.Health?.LastTouch(D), r.LastTouch);
        }
    }
}
