using Tenure.Metrics.Accounts;
using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Tests;

public sealed class AccountBookTests
{
    private static readonly DateTime May1 = new(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);

    private static SubscriptionPeriod Sub(string id, string account) => new(id, account, "pro", May1, null, 100m, BillingInterval.Month);

    [Fact]
    public void Book_HoldsEachListedAccountsRows_InInputOrder_AndLeavesUnlistedAccountsOut()
    {
        // Rows out of account order, an account repeated in accounts.csv (its first row counts) and rows of ZZ, not listed.
        var data = new TenureDataSet
        {
            Accounts = [new Account("A2", "Globex", May1), new Account("A1", "Umbrella", May1), new Account("A2", "Globex again", May1), new Account("A3", "Acme", May1)],
            Subscriptions = [Sub("S1", "A1"), Sub("S9", "ZZ"), Sub("S2", "A2"), Sub("S3", "A1")],
            Usage = [new UsageDay("A1", "u1", May1, 3), new UsageDay("ZZ", null, May1, 1), new UsageDay("A2", null, May1, 1), new UsageDay("A1", "u2", May1, 4)],
            Present = InputKind.Accounts | InputKind.Subscriptions | InputKind.Usage,
        };

        var book = AccountBook.Of(data);

        Assert.Equal(["A2", "A1", "A3"], book.Accounts.Select(a => a.Account.AccountId));
        Assert.Equal("Globex", book.Find("A2")!.Account.Name);
        Assert.Equal(["S1", "S3"], book.Find("A1")!.Subscriptions.Select(s => s.SubscriptionId));
        Assert.Equal(["S2"], book.Find("A2")!.Subscriptions.Select(s => s.SubscriptionId));
        Assert.Empty(book.Find("A3")!.Subscriptions);
        Assert.Equal([3, 4], book.Find("A1")!.Usage.Select(u => u.Events));
        Assert.Equal([1], book.Find("A2")!.Usage.Select(u => u.Events));
        Assert.Empty(book.Find("A3")!.Usage);
        Assert.Null(book.Find("ZZ"));
        Assert.Equal(200m, book.Find("A1")!.SummaryAt(May1.AddDays(3)).Mrr); // two monthly subscriptions of 100
    }

    [Fact]
    public void Book_OfRowsAlreadyInAccountOrder_IsAViewOfThemNotACopy()
    {
        UsageDay[] usage = [new UsageDay("A1", "u1", May1, 3), new UsageDay("A1", "u2", May1, 4), new UsageDay("A2", null, May1, 1)];
        var data = new TenureDataSet
        {
            Accounts = [new Account("A1", "Umbrella", May1), new Account("A2", "Globex", May1)],
            Usage = usage,
            Present = InputKind.Accounts | InputKind.Usage,
        };

        var book = AccountBook.Of(data);

        var a2 = Assert.IsType<ArraySegment<UsageDay>>(book.Find("A2")!.Usage);
        Assert.Same(usage, a2.Array);
        Assert.Equal(2, a2.Offset);
        Assert.Equal(1, a2.Count);
    }

    [Fact]
    public void Book_OfAUsageTableInAccountOrder_ViewsItsRows_AndOneOutOfOrder_IsGrouped()
    {
        UsageDay[] rows = [new UsageDay("A1", "u1", May1, 3), new UsageDay("A1", "u2", May1, 4), new UsageDay("A2", null, May1, 1)];
        Account[] accounts = [new Account("A1", "Umbrella", May1), new Account("A2", "Globex", May1)];
        var table = UsageDayTable.From(rows);

        var book = AccountBook.Of(new TenureDataSet { Accounts = accounts, Usage = table, Present = InputKind.Accounts | InputKind.Usage });

        var a1 = Assert.IsType<UsageDayTable>(book.Find("A1")!.Usage);
        Assert.Equal(rows[..2], a1);
        Assert.True(table.Rows.Overlaps(a1.Rows)); // the loaded rows themselves
        Assert.Equal([rows[2]], book.Find("A2")!.Usage);

        // A2's row first: the rows are not in account order, so they are grouped (a copy), each account's in its order.
        var outOfOrder = AccountBook.Of(new TenureDataSet { Accounts = accounts, Usage = UsageDayTable.From([rows[2], rows[0], rows[1]]), Present = InputKind.Accounts | InputKind.Usage });
        Assert.Equal(rows[..2], outOfOrder.Find("A1")!.Usage);
        Assert.Equal([rows[2]], outOfOrder.Find("A2")!.Usage);
    }
}
