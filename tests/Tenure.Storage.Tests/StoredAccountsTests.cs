using Tenure.Metrics.Inputs;
using Tenure.Testing;

namespace Tenure.Storage.Tests;

/// <summary>StoredData.LoadAccountsAsync: the accounts importers match organisations and companies against.</summary>
public sealed class StoredAccountsTests(PostgresServer server)
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task LoadAccountsAsync_GivesTheTenantsAccountsOnly(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        var created = new DateTime(2025, 1, 10, 0, 0, 0, DateTimeKind.Utc);
        var acme = new TenureDataSet { Accounts = [new Account("cus_A", "Acme Ltd", created, Csm: "ann", Currency: "USD")], Present = InputKind.Accounts };
        var other = new TenureDataSet { Accounts = [new Account("x1", "Other", created)], Present = InputKind.Accounts };
        await DataSetImporter.ImportAsync(test.Database, "acme", acme, cancellationToken: Token);
        await DataSetImporter.ImportAsync(test.Database, "other", other, cancellationToken: Token);

        var loaded = await StoredData.LoadAccountsAsync(test.Database, "acme", Token);
        var none = await StoredData.LoadAccountsAsync(test.Database, "empty", Token);

        Assert.Equal(acme.Accounts, loaded);
        Assert.Empty(none);
    }
}
