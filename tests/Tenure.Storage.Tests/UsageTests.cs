using Tenure.Metrics.Inputs;
using Tenure.Testing;

namespace Tenure.Storage.Tests;

/// <summary>An import replaces a day's count; the API's increments add to it.</summary>
public sealed class UsageTests(PostgresServer server)
{
    static CancellationToken Token => TestContext.Current.CancellationToken;
    static readonly DateTime Day1 = new(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);
    static readonly DateTime Day2 = new(2024, 5, 2, 0, 0, 0, DateTimeKind.Utc);

    static TenureDataSet UsageFile => new()
    {
        Usage = [new UsageDay("A1", "u1", Day1, 3), new UsageDay("A1", null, Day1, 2)],
        Present = InputKind.Usage,
    };

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ImportReplaces_IngestAdds(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);

        await DataSetImporter.ImportAsync(test.Database, "acme", UsageFile, cancellationToken: Token);
        var again = await DataSetImporter.ImportAsync(test.Database, "acme", UsageFile, cancellationToken: Token);
        Assert.Equal(2, again.Unchanged);
        Assert.Equal(new Dictionary<string, int> { ["A1||1"] = 2, ["A1|u1|1"] = 3 }, await CountsAsync(test.Database));

        // 4 + 1 on (A1, u1, day 1) on top of the imported 3 = 8; (A1, u2, day 2) is new: 7.
        await UsageIngest.AddAsync(test.Database, "acme",
            [new UsageDay("A1", "u1", Day1, 4), new UsageDay("A1", "u1", Day1.AddHours(13), 1), new UsageDay("A1", "u2", Day2, 7)], Token);
        Assert.Equal(new Dictionary<string, int> { ["A1||1"] = 2, ["A1|u1|1"] = 8, ["A1|u2|2"] = 7 }, await CountsAsync(test.Database));

        // Re-importing the file puts (A1, u1, day 1) back to 3 and keeps what it does not mention.
        var replaced = await DataSetImporter.ImportAsync(test.Database, "acme", UsageFile, cancellationToken: Token);
        Assert.Equal((0L, 1L, 1L), (replaced.Inserted, replaced.Updated, replaced.Unchanged));
        Assert.Equal(new Dictionary<string, int> { ["A1||1"] = 2, ["A1|u1|1"] = 3, ["A1|u2|2"] = 7 }, await CountsAsync(test.Database));

        // Three imports and one ingest: four write transactions, each bumping the version once.
        Assert.Equal(4, await StoredData.DataVersionAsync(test.Database, "acme", Token));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AddAsync_NewTenant_MarksUsagePresent(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);

        await UsageIngest.AddAsync(test.Database, "fresh", [new UsageDay("A9", null, Day2, 5)], Token);

        var loaded = await StoredData.LoadAsync(test.Database, "fresh", Token);
        Assert.Equal(InputKind.Usage, loaded.Present);
        Assert.Equal(new UsageDay("A9", null, Day2, 5), Assert.Single(loaded.Usage));
        Assert.Equal(1, await StoredData.DataVersionAsync(test.Database, "fresh", Token));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AddAsync_Empty_ChangesNothing(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);

        await UsageIngest.AddAsync(test.Database, "acme", [], Token);

        Assert.Equal(0, await StoredData.DataVersionAsync(test.Database, "acme", Token));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AddAsync_ReturnsTheVersionWrittenAndTheCombinedIncrements(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        await DataSetImporter.ImportAsync(test.Database, "acme", UsageFile, cancellationToken: Token);

        // Two increments of (A1, u1, day 1) at different hours are one stored increment of 4 + 1 = 5.
        var added = await UsageIngest.AddAsync(test.Database, "acme",
            [new UsageDay("A1", "u1", Day1.AddHours(13), 1), new UsageDay("A1", "u1", Day1, 4)], Token);

        Assert.NotNull(added);
        Assert.Equal(2, added.Version); // the import wrote version 1
        Assert.Equal(await StoredData.DataVersionAsync(test.Database, "acme", Token), added.Version);
        Assert.Equal(new UsageDay("A1", "u1", Day1, 5), Assert.Single(added.Increments));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ApplyTo_AfterEachOfManyAdds_IsWhatAReloadReads(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        // Ids whose UTF-16 order differs from the databases' code point order (U+E000 against a surrogate pair),
        // no user and users, several days.
        string[] accounts = ["A1", "A10", "A2", "a", "Z", "é", "\uE000x", "😀", "😀a"];
        string?[] users = [null, "u1", "U1", "u10", "ü", "\uFFFDz", "𝄞"];
        await DataSetImporter.ImportAsync(test.Database, "acme", new TenureDataSet
        {
            Usage = [new UsageDay("A1", "u1", Day1, 3), new UsageDay("é", null, Day2, 2), new UsageDay("😀", "𝄞", Day1, 1)],
            Present = InputKind.Usage,
        }, cancellationToken: Token);
        var (memory, version) = await StoredData.LoadVersionedAsync(test.Database, "acme", Token);
        Assert.Equal(1, version);

        var random = new Random(15);
        for (int ingest = 0; ingest < 25; ingest++)
        {
            var batch = Enumerable.Range(0, random.Next(1, 12)).Select(_ => new UsageDay(
                accounts[random.Next(accounts.Length)], users[random.Next(users.Length)],
                Day1.AddDays(random.Next(0, 4)).AddHours(random.Next(0, 24)), random.Next(1, 50))).ToList();
            var added = await UsageIngest.AddAsync(test.Database, "acme", batch, Token);

            memory = memory with { Usage = UsageIngest.ApplyTo(memory.Usage, added!.Increments) };
            var (reloaded, reloadedVersion) = await StoredData.LoadVersionedAsync(test.Database, "acme", Token);
            Assert.Equal(added.Version, reloadedVersion);
            Assert.Equal(reloaded.Usage, memory.Usage); // row for row, in the stored order
            Assert.IsType<UsageDayTable>(memory.Usage); // kept as a table, as loaded (new ids numbered after the table's)
        }
    }

    [Fact]
    public void ApplyTo_DayCountPastIntMax_Overflows() =>
        Assert.Throws<OverflowException>(() => UsageIngest.ApplyTo(
            [new UsageDay("A1", null, Day1, int.MaxValue)], [new UsageDay("A1", null, Day1.AddHours(3), 1)]));

    /// <summary>account|user|day of May -> events.</summary>
    static async Task<Dictionary<string, int>> CountsAsync(TenureDatabase database)
    {
        var loaded = await StoredData.LoadAsync(database, "acme", Token);
        return loaded.Usage.ToDictionary(u => $"{u.AccountId}|{u.UserId}|{u.Day.Day}", u => u.Events);
    }
}
