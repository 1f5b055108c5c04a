using Tenure.Metrics.Inputs;
using Tenure.Testing;

namespace Tenure.Storage.Tests;

/// <summary>Money and other decimals are stored exactly: nothing rounded, never a double.</summary>
public sealed class MoneyTests(PostgresServer server)
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Decimals_RoundTripExactly(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        decimal[] amounts = [0.000000001m, 79228162514264.3375m, 0.1m, 0.2m, 1234567890123456789.0123456789m, 0m, decimal.MaxValue];
        var data = new TenureDataSet
        {
            Accounts = [new Account("A1", "A1", start, AcquisitionCost: 0.000000001m)],
            Subscriptions = amounts.Select((a, i) => new SubscriptionPeriod($"S{i}", "A1", null, start, null, a, BillingInterval.Month, Quantity: 1.5m, Discount: 0.333333333333333333m)).ToList(),
            Present = InputKind.Accounts | InputKind.Subscriptions,
        };

        await DataSetImporter.ImportAsync(test.Database, "acme", data, cancellationToken: Token);

        var loaded = await StoredData.LoadAsync(test.Database, "acme", Token);
        Assert.Equal(0.000000001m, Assert.Single(loaded.Accounts).AcquisitionCost);
        Assert.Equal(amounts, loaded.Subscriptions.OrderBy(s => int.Parse(s.SubscriptionId[1..])).Select(s => s.Amount));
        Assert.All(loaded.Subscriptions, s => Assert.Equal(0.333333333333333333m, s.Discount));
        // 0.1 + 0.2 is 0.3 exactly in decimal; a double would give 0.30000000000000004.
        Assert.Equal(0.3m, loaded.Subscriptions.Where(s => s.Amount is 0.1m or 0.2m).Sum(s => s.Amount));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task SameAmountOtherScale_IsUnchanged(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        var day = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        TenureDataSet Invoice(decimal amount) => new()
        {
            Invoices = [new Invoice("I1", "A1", day, amount, InvoiceKind.Recurring)],
            Present = InputKind.Invoices,
        };
        await DataSetImporter.ImportAsync(test.Database, "acme", Invoice(10.50m), cancellationToken: Token);

        var again = await DataSetImporter.ImportAsync(test.Database, "acme", Invoice(10.5m), cancellationToken: Token);

        Assert.Equal(1, again.Unchanged);
    }
}
