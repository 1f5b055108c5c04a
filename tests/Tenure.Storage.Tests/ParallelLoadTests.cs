using Tenure.Metrics.Inputs;
using Tenure.Testing;

namespace Tenure.Storage.Tests;

/// <summary>
/// A tenant's kinds load in several read sessions at once (StoredData.LoadRowsAsync); imports landing meanwhile never
/// give a load that mixes two data versions.
/// </summary>
public sealed class ParallelLoadTests(PostgresServer server)
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Load_WhileImportsLand_IsAlwaysOneVersionsData(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        var day = new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        // Each import adds an account (loaded with the accounts) and one usage day and one ticket of it (loaded in
        // another session): a load that mixed two versions would have one without the others.
        static TenureDataSet Step(int i, DateTime day) => new()
        {
            Accounts = [new Account($"Z{i:D3}", $"Account {i}", day)],
            Usage = [new UsageDay($"Z{i:D3}", "u1", day, i + 1)],
            Tickets = [new Ticket($"T{i:D3}", $"Z{i:D3}", day)],
            Present = InputKind.Accounts | InputKind.Usage | InputKind.Tickets,
        };
        await DataSetImporter.ImportAsync(test.Database, "acme", Step(0, day), cancellationToken: Token);

        // The writer imports until 30 loads are done; each load checks that its rows are one version's.
        using var loadsDone = new CancellationTokenSource();
        var imports = 0;
        var writer = Task.Run(async () =>
        {
            while (!loadsDone.IsCancellationRequested)
                await DataSetImporter.ImportAsync(test.Database, "acme", Step(++imports, day), cancellationToken: Token);
        }, Token);
        var versions = new HashSet<long>();
        for (int load = 0; load < 30; load++)
        {
            var (data, version) = await StoredData.LoadVersionedAsync(test.Database, "acme", Token);
            versions.Add(version);
            Assert.Equal(data.Accounts.Count, data.Usage.Count);
            Assert.Equal(data.Accounts.Count, data.Tickets.Count);
            Assert.Equal(data.Accounts.Select(a => a.AccountId).Order(), data.Usage.Select(u => u.AccountId).Order());
            Assert.Equal(data.Accounts.Select(a => a.AccountId).Order(), data.Tickets.Select(t => t.AccountId).Order());
        }
        await loadsDone.CancelAsync();
        await writer;

        var (last, lastVersion) = await StoredData.LoadVersionedAsync(test.Database, "acme", Token);
        Assert.Equal(imports + 1, last.Accounts.Count);
        Assert.Equal(Enumerable.Range(1, imports + 1).Sum(), last.Usage.Sum(u => u.Events));
        Assert.Equal(await StoredData.DataVersionAsync(test.Database, "acme", Token), lastVersion);
        Assert.True(versions.Count > 1, $"the 30 loads all saw one version while {imports} imports landed");
    }
}
