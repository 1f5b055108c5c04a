using System.Text.Json;

using static Tenure.Cli.Tests.CliRunner;

namespace Tenure.Cli.Tests;

/// <summary>
/// `tenure import --from SYSTEM` and `--dry-run` on the hand-made samples in tests/data/importers.
/// June 2025's MRR of the Stripe sample is 350 (worked out in tests/Tenure.Ingest.Tests/Importers/StripeImportTests.cs:
/// 120 + 80 + 100 + 50).
/// </summary>
public class ImportFromTests
{
    private static string Sample(string system, string? file = null) =>
        file is null ? Path.Combine(RepoRoot(), "tests", "data", "importers", system) : Path.Combine(RepoRoot(), "tests", "data", "importers", system, file);

    private static JsonElement Json(Run run)
    {
        Assert.True(run.ExitCode == 0, run.Error);
        return JsonDocument.Parse(run.Out).RootElement.Clone();
    }

    private static Dictionary<string, long> Rows(JsonElement summary) =>
        summary.GetProperty("kinds").EnumerateArray().ToDictionary(k => k.GetProperty("kind").GetString()!, k => k.GetProperty("rows").GetInt64());

    private static decimal JuneMrr(string db)
    {
        var metrics = Json(RunTenure("metrics", "--db", db, "--from", "2025-06-01", "--to", "2025-07-01", "--metric", "mrr", "--format", "json"));
        return metrics.GetProperty("results")[0].GetProperty("value").GetDecimal();
    }

    [Fact]
    public void ImportFrom_StripeThenZendesk_StoresTheMappedRows()
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "t.db");

        var stripe = RunTenure("import", "--from", "stripe", Sample("stripe"), "--db", db, "--format", "json");
        var zendesk = RunTenure("import", "--from", "zendesk", Sample("zendesk", "tickets.csv"), "--db", db, "--format", "json");

        // 6 customers; 7 periods (sub_A's two items, sub_F split where its coupon ends, no trialing sub_D); 4 paid invoices.
        Assert.Equal(new Dictionary<string, long> { ["accounts.csv"] = 6, ["subscriptions.csv"] = 7, ["invoices.csv"] = 4 }, Rows(Json(stripe)));
        Assert.Contains("as the Stripe subscriptions export", stripe.Error, StringComparison.Ordinal);
        // Zendesk's organisations are the stored Stripe customers of those names; 2 good/bad ratings.
        Assert.Equal(new Dictionary<string, long> { ["surveys.csv"] = 2, ["tickets.csv"] = 4 }, Rows(Json(zendesk)));
        Assert.Equal(350m, JuneMrr(db));
    }

    [Fact]
    public void ImportFrom_DryRun_PrintsRowsAndHeadlineMetricsAndWritesNothing()
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "t.db");

        var dry = Json(RunTenure("import", "--from", "stripe", Sample("stripe"), "--db", db, "--dry-run", "--as-of", "2025-07-01", "--format", "json"));

        Assert.True(dry.GetProperty("dryRun").GetBoolean());
        Assert.Equal(17, dry.GetProperty("rows").GetInt64()); // 6 + 7 + 4
        var headline = dry.GetProperty("headline").GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("metric").GetString()!);
        Assert.Equal(350m, headline["mrr"].GetProperty("value").GetDecimal());
        Assert.Equal(4m, headline["customers"].GetProperty("value").GetDecimal());
        Assert.Equal("2025-06-01", headline["mrr"].GetProperty("period").GetProperty("start").GetString());
        Assert.False(File.Exists(db));
    }

    [Fact]
    public void ImportFrom_DryRunTable_SaysNothingWasWritten()
    {
        using var dir = new TempDirectory();
        var db = MigratedDatabase(dir.Path);

        var run = RunTenure("import", "--from", "intercom", Sample("intercom"), "--db", db, "--dry-run", "--as-of", "2025-07-01");

        // Intercom's companies are not stored yet: the dry run checks as the import would, and fails the same way.
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no account has the id or name 'Acme Ltd'", run.Error, StringComparison.Ordinal);

        Assert.Equal(0, RunTenure("import", "--from", "stripe", Sample("stripe"), "--db", db).ExitCode);
        var again = RunTenure("import", "--from", "intercom", Sample("intercom"), "--db", db, "--dry-run", "--as-of", "2025-07-01");
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains("Dry run: nothing was written.", again.Out, StringComparison.Ordinal);
        Assert.Contains("Headline metrics of the imported rows for 2025-06", again.Out, StringComparison.Ordinal);
        var stored = Json(RunTenure("import", "--from", "stripe", Sample("stripe"), "--db", db, "--dry-run", "--format", "json"));
        Assert.Equal(17, stored.GetProperty("rows").GetInt64());
        var tickets = Json(RunTenure("metrics", "--db", db, "--from", "2025-06-01", "--to", "2025-07-01", "--metric", "tickets", "--format", "json"));
        Assert.True(tickets.GetProperty("results")[0].TryGetProperty("unavailable", out _), "the dry run stored no tickets");
    }

    [Fact]
    public void ImportFrom_BadExport_NamesFileLineAndColumnAndLeavesTheDatabaseUnchanged()
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "t.db");
        Assert.Equal(0, RunTenure("import", "--from", "stripe", Sample("stripe"), "--db", db).ExitCode);
        var bad = Directory.CreateDirectory(Path.Combine(dir.Path, "bad")).FullName;
        foreach (var file in Directory.EnumerateFiles(Sample("stripe"), "*.csv"))
        {
            var text = File.ReadAllText(file);
            if (Path.GetFileName(file) == "subscriptions.csv")
                text = text.Replace("60.00,active,", "60.00,frozen,", StringComparison.Ordinal).Replace("300.00", "600.00", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(bad, Path.GetFileName(file)), text);
        }

        var run = RunTenure("import", "--from", "stripe", bad, "--db", db);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("subscriptions.csv:8: Status: 'frozen' is not a Stripe subscription status Tenure can place", run.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was imported", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        // The valid rows of the same files (sub_A at 600 a quarter) were not written either.
        Assert.Equal(350m, JuneMrr(db));
    }

    [Fact]
    public void ImportFrom_UnknownSystem_ListsTheSystems()
    {
        var run = RunTenure("import", "--from", "salesforce", Sample("stripe"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--from 'salesforce' is not a system Tenure imports from; use one of stripe, zendesk, hubspot, intercom.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_TenureFilesWithDryRun_PrintsRowsWithoutWriting()
    {
        using var dir = new TempDirectory();
        dir.Write("accounts.csv", "account_id,name,created_at,currency\na1,A,2025-01-01,USD\n");
        dir.Write("subscriptions.csv", "subscription_id,account_id,start_date,amount,interval\ns1,a1,2025-01-01,120,year\n");
        var db = Path.Combine(dir.Path, "t.db");

        var dry = Json(RunTenure("import", dir.Path, "--db", db, "--dry-run", "--as-of", "2025-07-01", "--format", "json"));

        Assert.Equal(2, dry.GetProperty("rows").GetInt64());
        // 120 a year = 10 a month.
        var mrr = dry.GetProperty("headline").GetProperty("results").EnumerateArray().Single(r => r.GetProperty("metric").GetString() == "mrr");
        Assert.Equal(10m, mrr.GetProperty("value").GetDecimal());
        Assert.False(File.Exists(db));
    }
}
