using Tenure.Metrics.Accounts;
using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Tests;

public sealed class AccountBookTests
{
    private static readonly DateTime May1 = new(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);

    private static TenureDataSet Data(params UsageDay[] usage) => new()
    {
        Accounts = [new Account("A1", "Umbrella", May1), new Account("A2", "Globex", May1), new Account("A3", "Acme", May1)],
        Subscriptions = [new SubscriptionPeriod("S1", "A1", "pro", May1, null, 100m, BillingInterval.Month)],
        Usage = usage,
        Present = InputKind.Accounts | InputKind.Subscriptions | InputKind.Usage,
    };

    [Fact]
    public void WithUsage_OfTheChangedAccounts_IsTheBookOfTheNewData()
    {
        var before = Data(new UsageDay("A1", "u1", May1, 3), new UsageDay("A2", null, May1, 1));
        // A1's count grows to 5, A3 gets its first day, A2 is untouched; a row of an unknown account stays out.
        var after = Data(new UsageDay("A1", "u1", May1, 5), new UsageDay("A2", null, May1, 1), new UsageDay("A3", "u9", May1.AddDays(1), 2), new UsageDay("ZZ", null, May1, 1));
        var previous = AccountBook.Of(before);

        var book = AccountBook.WithUsage(previous, after, new HashSet<string>(["A1", "A3", "ZZ"], StringComparer.Ordinal));

        var expected = AccountBook.Of(after);
        Assert.Equal(expected.Accounts.Select(a => a.Account.AccountId), book.Accounts.Select(a => a.Account.AccountId));
        foreach (var records in expected.Accounts)
        {
            Assert.Equal(records.Usage, book.Find(records.Account.AccountId)!.Usage);
            Assert.Equal(records.Subscriptions, book.Find(records.Account.AccountId)!.Subscriptions);
        }
        Assert.Same(previous.Find("A2"), book.Find("A2")); // unchanged accounts are shared
        Assert.Equal([new UsageDay("A1", "u1", May1, 3)], previous.Find("A1")!.Usage); // the previous book is left as it was
        Assert.Null(book.Find("ZZ"));
    }
}
