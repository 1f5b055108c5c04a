using Tenure.Metrics.Inputs;

namespace Tenure.Demo.Tests;

public sealed class DemoDataGeneratorTests(DemoFixture fixture)
{
    private static readonly DemoOptions Small = new() { Accounts = 300, Seed = 7 };

    [Fact]
    public void Write_SameOptions_GivesByteIdenticalFiles()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        DemoCsvWriter.Write(Small, first.Path);
        DemoCsvWriter.Write(Small, second.Path);

        foreach (var (_, fileName) in InputKinds.All)
        {
            var a = File.ReadAllBytes(Path.Combine(first.Path, fileName));
            var b = File.ReadAllBytes(Path.Combine(second.Path, fileName));
            Assert.True(a.AsSpan().SequenceEqual(b), $"{fileName} differs between two runs with the same seed");
        }
    }

    [Fact]
    public void Write_DifferentSeed_GivesDifferentData()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        DemoCsvWriter.Write(Small, first.Path);
        DemoCsvWriter.Write(Small with { Seed = 8 }, second.Path);

        foreach (var fileName in new[] { "accounts.csv", "subscriptions.csv", "usage.csv", "tickets.csv", "surveys.csv" })
        {
            var a = File.ReadAllBytes(Path.Combine(first.Path, fileName));
            var b = File.ReadAllBytes(Path.Combine(second.Path, fileName));
            Assert.False(a.AsSpan().SequenceEqual(b), $"{fileName} is the same for seeds 7 and 8");
        }
    }

    [Fact]
    public void Write_DifferentAsOf_ShiftsTheData()
    {
        var set = DemoDataGenerator.Generate(Small with { AsOf = new DateTime(2025, 7, 1, 0, 0, 0, DateTimeKind.Utc) });

        Assert.All(set.Subscriptions, s => Assert.True(s.Start < new DateTime(2025, 7, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.All(set.Tickets, t => Assert.True(t.CreatedAt < new DateTime(2025, 7, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Contains(set.Subscriptions, s => s.Start >= new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void Generate_SameOptions_GivesEqualRecords()
    {
        var a = DemoDataGenerator.Generate(Small);
        var b = DemoDataGenerator.Generate(Small);

        Assert.Equal(a.Accounts, b.Accounts);
        Assert.Equal(a.Subscriptions, b.Subscriptions);
        Assert.Equal(a.Tickets, b.Tickets);
        Assert.Equal(a.Usage, b.Usage);
    }

    [Fact]
    public void Usage_EnumeratedTwice_GivesTheSameEvents()
    {
        var set = DemoDataGenerator.Generate(Small);

        Assert.Equal(set.Usage.ToList(), set.Usage.ToList());
    }

    [Fact]
    public void Batches_CountMatchesTheWrittenFiles()
    {
        var totals = new long[InputKinds.All.Count];
        foreach (var batch in new DemoDataGenerator(DemoFixture.Options).Batches())
        {
            totals[0] += batch.Accounts.Count;
            totals[1] += batch.Subscriptions.Count;
            totals[4] += batch.Usage.Count;
            totals[6] += batch.Tickets.Count;
        }

        Assert.Equal(fixture.Summary.RowsOf("accounts.csv"), totals[0]);
        Assert.Equal(fixture.Summary.RowsOf("subscriptions.csv"), totals[1]);
        Assert.Equal(fixture.Summary.RowsOf("usage.csv"), totals[4]);
        Assert.Equal(fixture.Summary.RowsOf("tickets.csv"), totals[6]);
    }

    [Fact]
    public void Batches_ReportProgressUpToEveryAccount()
    {
        var reported = new List<int>();
        var progress = new SynchronousProgress(reported.Add);

        foreach (var _ in new DemoDataGenerator(Small).Batches(progress))
        {
        }

        Assert.Equal(Small.Accounts, reported[^1]);
        Assert.Equal(reported.Order(), reported);
    }

    [Theory]
    [InlineData("subscriptions.csv", 15, 0.15)]
    [InlineData("usage.csv", 50, 0.15)]
    [InlineData("tickets.csv", 5, 0.15)]
    [InlineData("surveys.csv", 3, 0.15)]
    public void Write_2000Accounts_VolumesPerAccountMatchTheBenchmarkTargets(string fileName, double perAccount, double tolerance)
    {
        var actual = (double)fixture.Summary.RowsOf(fileName) / DemoFixture.Options.Accounts;

        Assert.InRange(actual, perAccount * (1 - tolerance), perAccount * (1 + tolerance));
    }

    [Fact]
    public void Write_AccountsFile_HasOneRowPerAccount() =>
        Assert.Equal(DemoFixture.Options.Accounts, fixture.Summary.RowsOf("accounts.csv"));

    [Fact]
    public void Write_EveryFile_HasRows()
    {
        foreach (var (fileName, rows) in fixture.Summary.Files)
            Assert.True(rows > 0, $"{fileName} is empty");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Constructor_NoAccounts_Throws(int accounts) =>
        Assert.Throws<ArgumentException>(() => new DemoDataGenerator(new DemoOptions { Accounts = accounts }));

    [Fact]
    public void Constructor_AsOfNotMidnightUtc_Throws()
    {
        Assert.Throws<ArgumentException>(() => new DemoDataGenerator(new DemoOptions { AsOf = new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc) }));
        Assert.Throws<ArgumentException>(() => new DemoDataGenerator(new DemoOptions { AsOf = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Local) }));
    }

    [Fact]
    public void Options_Default_SpanTwoYearsEndingOctober2026()
    {
        var options = new DemoOptions();

        Assert.Equal(500, options.Accounts);
        Assert.Equal(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), options.AsOf);
        Assert.Equal(new DateTime(2024, 11, 1, 0, 0, 0, DateTimeKind.Utc), options.WindowStart);
    }

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
