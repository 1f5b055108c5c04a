using Tenure.Metrics.Accounts;
using Tenure.Metrics.Inputs;
using Tenure.Storage.Schema;
using Tenure.Testing;

namespace Tenure.Storage.Tests;

/// <summary>
/// A loaded tenant's rows are held for as long as it is warm: each kind comes as an array of exactly its rows (no spare
/// capacity), and rows in account order are their own grouping by account (the accounts' book does not copy them).
/// </summary>
public sealed class LoadedRowsTests(PostgresServer server)
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(256)] // the first chunk full
    [InlineData(257)]
    [InlineData(65_536)] // one whole chunk
    [InlineData(65_537)]
    [InlineData(200_000)] // three whole chunks and part of a fourth
    public void RowChunks_GiveEveryRowInOrder_InAnArrayOfTheirNumber(int count)
    {
        var chunks = new RowChunks<int>();
        for (int i = 0; i < count; i++)
            chunks.Add(i * 3);

        var rows = chunks.ToArray();

        Assert.Equal(count, chunks.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => i * 3), rows);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Load_GivesArraysOfExactlyTheRows_UsageAsATable_AndTheBookViewsTheUsageWithoutCopyingIt(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        var demo = DemoData.DataSet;
        await DataSetImporter.ImportAsync(test.Database, "acme", demo, cancellationToken: Token);

        var data = await StoredData.LoadAsync(test.Database, "acme", Token);

        // Usage as a table of ints (ADR 0350), the same rows as stored in key order.
        var usage = Assert.IsType<UsageDayTable>(data.Usage);
        Assert.Equal(demo.Usage.Count, usage.Count);
        Assert.Equal(demo.Usage.OrderBy(u => u.AccountId, StringComparer.Ordinal).ThenBy(u => u.UserId ?? "", StringComparer.Ordinal).ThenBy(u => u.Day), usage);
        Assert.Equal(demo.Subscriptions.Count, Assert.IsType<SubscriptionPeriod[]>(data.Subscriptions).Length);
        Assert.Equal(demo.Tickets.Count, Assert.IsType<Ticket[]>(data.Tickets).Length);
        Assert.Equal(demo.Invoices.Count, Assert.IsType<Invoice[]>(data.Invoices).Length);
        var book = AccountBook.Of(data);
        var withUsage = book.Accounts.First(a => a.Usage.Count > 0);
        // A view of the loaded table's rows: the account's slice lies in the same memory.
        Assert.True(usage.Rows.Overlaps(Assert.IsType<UsageDayTable>(withUsage.Usage).Rows));
        Assert.All(withUsage.Usage, u => Assert.Equal(withUsage.Account.AccountId, u.AccountId));
    }
}
