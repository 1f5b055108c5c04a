using System.Diagnostics;
using System.Text.Json;

using Tenure.Demo;
using Tenure.Ingest;
using Tenure.Metrics.Inputs;

using static Tenure.Cli.Tests.CliRunner;

namespace Tenure.Cli.Tests;

/// <summary>`tenure import`, `db migrate`, `apikey create` and `metrics --db` on real SQLite files.</summary>
public class StorageCommandsTests
{
    private static DemoWriteSummary WriteDemo(string directory, int accounts = 60) =>
        DemoCsvWriter.Write(new DemoOptions { Accounts = accounts, Seed = 7 }, directory);

    private static JsonElement ImportJson(params string[] args)
    {
        var run = RunTenure(["import", .. args, "--format", "json"]);
        Assert.True(run.ExitCode == 0, run.Error);
        return JsonDocument.Parse(run.Out).RootElement.Clone();
    }

    /// <summary>Rows each kind is stored as: the rows of its file, except usage.csv, stored per account, user and day.</summary>
    private static Dictionary<string, long> ExpectedRows(string directory)
    {
        var data = DataSetReader.ReadDirectory(directory).DataSet!;
        return InputKinds.All.Where(k => data.Has(k.Kind)).ToDictionary(k => k.FileName, k => RowsOf(data, k.Kind));
    }

    private static long RowsOf(TenureDataSet data, InputKind kind) => kind switch
    {
        InputKind.Accounts => data.Accounts.Count,
        InputKind.Subscriptions => data.Subscriptions.Count,
        InputKind.Invoices => data.Invoices.Count,
        InputKind.Users => data.Users.Count,
        InputKind.Usage => data.Usage.Count,
        InputKind.Surveys => data.Surveys.Count,
        InputKind.Tickets => data.Tickets.Count,
        InputKind.Costs => data.Costs.Count,
        InputKind.Offers => data.Offers.Count,
        InputKind.Referrals => data.Referrals.Count,
        InputKind.Milestones => data.Milestones.Count,
        InputKind.Programs => data.Programs.Count,
        InputKind.Tasks => data.Tasks.Count,
        InputKind.Notes => data.Notes.Count,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Fact]
    public void Import_DemoDirectory_InsertsEveryRowThenReimportChangesNothing()
    {
        using var dir = new TempDirectory();
        var csv = Directory.CreateDirectory(Path.Combine(dir.Path, "csv")).FullName;
        WriteDemo(csv);
        var db = Path.Combine(dir.Path, "t.db");
        var expected = ExpectedRows(csv);

        var first = ImportJson(csv, "--db", db);
        var second = ImportJson(csv, "--db", db);

        var kinds = first.GetProperty("kinds").EnumerateArray().ToDictionary(k => k.GetProperty("kind").GetString()!);
        Assert.Equal(expected.Keys.Order(), kinds.Keys.Order());
        foreach (var (file, rows) in expected)
        {
            Assert.Equal(rows, kinds[file].GetProperty("rows").GetInt64());
            Assert.Equal(rows, kinds[file].GetProperty("inserted").GetInt64());
        }
        Assert.Equal(expected.Values.Sum(), second.GetProperty("unchanged").GetInt64());
        Assert.Equal(0, second.GetProperty("inserted").GetInt64());
        Assert.Equal(0, second.GetProperty("updated").GetInt64());
    }

    [Fact]
    public void MetricsDb_EqualsMetricsData_ForEveryMetricByCsm()
    {
        using var dir = new TempDirectory();
        var csv = Directory.CreateDirectory(Path.Combine(dir.Path, "csv")).FullName;
        WriteDemo(csv, accounts: 120);
        var db = Path.Combine(dir.Path, "t.db");
        ImportJson(csv, "--db", db);

        string[] query = ["--from", "2024-11-01", "--to", "2026-11-01", "--by", "csm", "--format", "json"];
        var fromFiles = RunTenure(["metrics", "--data", csv, .. query]);
        var fromDb = RunTenure(["metrics", "--db", db, .. query]);

        Assert.Equal(0, fromFiles.ExitCode);
        Assert.True(fromDb.ExitCode == 0, fromDb.Error);
        Assert.Equal(fromFiles.Out, fromDb.Out);
    }

    [Fact]
    public void Import_BadRow_ExitsTwoWithTheErrorAndStoresNothing()
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "t.db");
        dir.Write("accounts.csv", "account_id,name,created_at\nA1,Acme,2024-01-01\n");
        dir.Write("tickets.csv", "ticket_id,account_id,created_at\nT1,A1,2024-02-01\nT2,A1,not-a-date\n");

        var run = RunTenure("import", dir.Path, "--db", db);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("tickets.csv:3: created_at:", run.Error);
        Assert.Contains("nothing was imported", run.Error);
        Assert.Equal("", run.Out);
        // accounts.csv was valid, but the run is all or nothing: the database holds no data.
        var metrics = RunTenure("metrics", "--db", db, "--from", "2024-01-01", "--to", "2024-02-01");
        Assert.Equal(2, metrics.ExitCode);
        Assert.Contains("holds no data", metrics.Error);
    }

    [Fact]
    public void Import_FileWithoutAccountsFile_IsCheckedAgainstStoredAccounts()
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "t.db");
        var accounts = dir.Write("accounts.csv", "account_id,name,created_at\nA1,Acme,2024-01-01\n");
        ImportJson(accounts, "--db", db);
        var good = dir.Write("tickets.csv", "ticket_id,account_id,created_at\nT1,A1,2024-02-01\n");
        var later = ImportJson(good, "--db", db);
        Assert.Equal(1, later.GetProperty("inserted").GetInt64());

        var bad = Path.Combine(Directory.CreateDirectory(Path.Combine(dir.Path, "bad")).FullName, "tickets.csv");
        File.WriteAllText(bad, "ticket_id,account_id,created_at\nT2,A2,2024-02-01\n");
        var run = RunTenure("import", bad, "--db", db);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("tickets.csv:2: account_id: unknown account 'A2'", run.Error);
    }

    [Fact]
    public void Import_ChangedRow_IsCountedUpdatedAndTheRestUnchanged()
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "t.db");
        var accounts = dir.Write("accounts.csv", "account_id,name,created_at,csm\nA1,Acme,2024-01-01,ann\nA2,Globex,2024-01-01,bob\n");
        ImportJson(accounts, "--db", db);
        File.WriteAllText(accounts, "account_id,name,created_at,csm\nA1,Acme,2024-01-01,cid\nA2,Globex,2024-01-01,bob\nA3,Initech,2024-03-01,bob\n");

        var again = ImportJson(accounts, "--db", db);

        Assert.Equal(1, again.GetProperty("inserted").GetInt64());  // A3
        Assert.Equal(1, again.GetProperty("updated").GetInt64());   // A1 moved to cid
        Assert.Equal(1, again.GetProperty("unchanged").GetInt64()); // A2
    }

    [Fact]
    public void Import_MissingPath_ExitsTwo()
    {
        using var dir = new TempDirectory();
        var run = RunTenure("import", Path.Combine(dir.Path, "nowhere"), "--db", Path.Combine(dir.Path, "t.db"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no such file or directory", run.Error);
    }

    [Fact]
    public void Db_UnknownConnectionStringKey_ExitsTwoWithoutAStackTrace()
    {
        var run = RunTenure("db", "migrate", "--db", "Host=127.0.0.1;Frobnicate=yes");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: --db:", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public void DbMigrate_NewFileThenAgain_IsUpToDate()
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "new.db");
        var first = RunTenure("db", "migrate", "--db", db);
        var second = RunTenure("db", "migrate", "--db", db);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("applied", first.Out);
        Assert.True(File.Exists(db));
        Assert.Equal(0, second.ExitCode);
        Assert.DoesNotContain("applied", second.Out);
        Assert.Contains("up to date", second.Out);
    }

    [Fact]
    public void ApiKeyCreate_PrintsOnlyTheKeyOnStandardOutput()
    {
        using var dir = new TempDirectory();
        var run = RunTenure("apikey", "create", "--tenant", "acme", "--role", "write", "--db", MigratedDatabase(dir.Path));
        Assert.Equal(0, run.ExitCode);
        Assert.Matches("^tnr_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$", run.Out.Trim());
        Assert.Contains("write key for tenant 'acme'", run.Error);
    }

    [Fact]
    public void ApiKeyRevoke_ByPrefix_ThenAgainIsRefused()
    {
        using var dir = new TempDirectory();
        var db = MigratedDatabase(dir.Path);
        var key = RunTenure("apikey", "create", "--db", db).Out.Trim();
        var prefix = key[..12]; // "tnr_" and the 8 hex characters

        var first = RunTenure("apikey", "revoke", prefix, "--db", db);
        var second = RunTenure("apikey", "revoke", prefix, "--db", db);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains($"revoked {prefix}", first.Out);
        Assert.Equal(2, second.ExitCode);
        Assert.Contains("no active API key", second.Error);
    }

    [Theory]
    [InlineData("--role", "owner", "--role 'owner' is not one of read, write, admin")]
    [InlineData("--tenant", "Acme Corp", "--tenant 'Acme Corp' is not a tenant name")]
    public void ApiKeyCreate_BadOption_ExitsTwo(string option, string value, string message)
    {
        using var dir = new TempDirectory();
        var run = RunTenure("apikey", "create", option, value, "--db", Path.Combine(dir.Path, "t.db"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error);
    }

    [Fact]
    public void MetricsDb_MissingFile_SaysHowToCreateIt()
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "absent.db");
        var run = RunTenure("metrics", "--db", db, "--from", "2024-01-01", "--to", "2024-02-01");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"no database at {db}", run.Error);
        Assert.False(File.Exists(db));
    }

    [Theory]
    [InlineData("apikey", "create")]
    [InlineData("apikey", "revoke", "tnr_0123abcd")]
    [InlineData("user", "create", "--email", "a@example.com", "--role", "viewer")]
    [InlineData("user", "list")]
    [InlineData("serve", "--urls", "http://127.0.0.1:0")]
    public void DatabaseCommand_NoDatabase_RefusesToCreateOne(params string[] args)
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "fresh.db");

        var run = RunTenure([.. args, "--db", db]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"no database at {db}; run `tenure import DIR --db {db}` or `tenure db migrate --db {db}` first", run.Error);
        Assert.False(File.Exists(db));
    }

    [Fact]
    public void Metrics_AmbiguousDate_IsRefusedNotGuessed()
    {
        using var dir = new TempDirectory();
        var run = RunTenure("metrics", "--data", dir.Path, "--from", "01/02/2024", "--to", "2024-03-01");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--from '01/02/2024' is not a date", run.Error);
    }

    [Fact]
    public void Metrics_DataAndDb_IsRefused()
    {
        using var dir = new TempDirectory();
        var run = RunTenure("metrics", "--data", dir.Path, "--db", Path.Combine(dir.Path, "t.db"), "--from", "2024-01-01", "--to", "2024-02-01");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not both", run.Error);
    }

    /// <summary>
    /// A real kill: `tenure import` of a larger set is killed (SIGKILL) while it writes; the database
    /// must then hold exactly what it held before (the metrics of the first import, byte for byte).
    /// </summary>
    [Fact]
    public async Task Import_KilledMidway_LeavesTheDatabaseAsBefore()
    {
        using var dir = new TempDirectory();
        var small = Directory.CreateDirectory(Path.Combine(dir.Path, "small")).FullName;
        var large = Directory.CreateDirectory(Path.Combine(dir.Path, "large")).FullName;
        WriteDemo(small, accounts: 40);
        DemoCsvWriter.Write(new DemoOptions { Accounts = 15000, Seed = 8 }, large);
        var db = Path.Combine(dir.Path, "t.db");
        ImportJson(small, "--db", db);
        string[] query = ["--from", "2025-11-01", "--to", "2026-11-01", "--format", "json"];
        var before = RunTenure(["metrics", "--db", db, .. query]).Out;

        var tenure = Path.Combine(AppContext.BaseDirectory, "tenure.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet", ["exec", tenure, "import", large, "--db", db, "--format", "json"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        // Kill it while it writes: after it has read and validated the files ("importing into ..." on
        // standard error) and has started its transaction.
        var cancel = TestContext.Current.CancellationToken;
        while (await process.StandardError.ReadLineAsync(cancel) is { } line && !line.Contains("importing into", StringComparison.Ordinal))
        {
        }
        await Task.Delay(700, cancel);
        Assert.False(process.HasExited, "the import finished before it could be killed; make the data set larger.");
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(cancel);

        var printed = await process.StandardOutput.ReadToEndAsync(cancel) + $" (exit code {process.ExitCode})";
        var after = RunTenure(["metrics", "--db", db, .. query]);
        Assert.True(after.ExitCode == 0, after.Error);
        Assert.True(before == after.Out, $"the database changed; the killed import printed: {printed}");
    }
}
