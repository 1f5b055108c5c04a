using Microsoft.Data.Sqlite;

using static Tenure.Cli.Tests.CliRunner;

namespace Tenure.Cli.Tests;

/// <summary>Issue 14 item 3: `tenure backup` (SQLite's online backup) and `tenure restore` (refuses what it should).</summary>
public sealed class BackupCommandTests
{
    private static readonly string[] Customers = ["metrics", "--from", "2025-10-01", "--to", "2025-12-01", "--metric", "customers,mrr", "--format", "csv"];

    [Fact]
    public void Backup_ThenRestoreIntoANewFile_GivesTheSameMetrics_AndOneSelfContainedFile()
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "live.db");
        var backup = Path.Combine(dir.Path, "backups", "live-1.db");
        var restored = Path.Combine(dir.Path, "restored.db");
        Assert.Equal(0, RunTenure("demo", "--db", db, "--accounts", "20", "--as-of", "2026-01-01", "--no-serve").ExitCode);

        var saved = RunTenure("backup", "--db", db, "--to", backup);
        Assert.True(saved.ExitCode == 0, saved.Error);
        Assert.Contains("Backed up", saved.Out);
        // One file, in rollback-journal mode: copying it anywhere copies everything.
        Assert.False(File.Exists(backup + "-wal"));
        Assert.Equal("delete", JournalMode(backup));

        var back = RunTenure("restore", "--from", backup, "--db", restored);
        Assert.True(back.ExitCode == 0, back.Error);
        Assert.Contains("Restored", back.Out);

        var original = RunTenure([.. Customers, "--db", db]);
        var copy = RunTenure([.. Customers, "--db", restored]);
        Assert.True(original.ExitCode == 0, original.Error);
        Assert.Equal(original.Out, copy.Out);
        Assert.Contains("customers", copy.Out);
    }

    [Fact]
    public async Task Backup_OfADatabaseInUse_HoldsTheRowsStillInItsWriteAheadLog()
    {
        using var dir = new TempDirectory();
        var db = MigratedDatabase(dir.Path);
        var backup = Path.Combine(dir.Path, "copy.db");
        // A pooled connection keeps the WAL un-checkpointed: the new key lives only in live.db-wal while we back up.
        await using var database = Tenure.Storage.TenureDatabase.Open(Tenure.Storage.DatabaseLocation.Parse(db));
        await Tenure.Storage.ApiKeys.CreateAsync(database, "acme", Tenure.Storage.ApiKeyRole.Read, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, RunTenure("backup", "--db", db, "--to", backup).ExitCode);

        Assert.Equal(1L, Count(backup, "SELECT count(*) FROM api_keys WHERE tenant_id = 'acme'"));
    }

    [Fact]
    public void Restore_OverAnExistingDatabase_NeedsForce_AndLeavesItAloneWithout()
    {
        using var dir = new TempDirectory();
        var db = MigratedDatabase(dir.Path, "live.db");
        var other = MigratedDatabase(dir.Path, "other.db");
        Assert.Equal(0, RunTenure("apikey", "create", "--db", other, "--tenant", "acme", "--role", "read").ExitCode);
        // The in-process runs leave pooled connections; the last one to close checkpoints the WAL into live.db (the
        // header's change counter moves). Close them before taking the bytes, so only the refused restore could change them.
        SqliteConnection.ClearAllPools();
        var before = File.ReadAllBytes(db);

        var refused = RunTenure("restore", "--from", other, "--db", db);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("already exists", refused.Error);
        Assert.Contains("--force", refused.Error);
        Assert.Equal(before, File.ReadAllBytes(db));
        Assert.Equal(0L, Count(db, "SELECT count(*) FROM api_keys"));

        var forced = RunTenure("restore", "--from", other, "--db", db, "--force");
        Assert.True(forced.ExitCode == 0, forced.Error);
        Assert.Equal(1L, Count(db, "SELECT count(*) FROM api_keys"));
    }

    [Fact]
    public void Restore_FromAFileThatIsNotATenureDatabase_IsRefused_AndCreatesNothing()
    {
        using var dir = new TempDirectory();
        var text = dir.Write("notes.db", "not a database at all, just some text that is long enough\n");
        var foreign = Path.Combine(dir.Path, "foreign.db");
        using (var connection = new SqliteConnection($"Data Source={foreign};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE customers (id INTEGER PRIMARY KEY)";
            command.ExecuteNonQuery();
        }
        var target = Path.Combine(dir.Path, "target.db");

        var notSqlite = RunTenure("restore", "--from", text, "--db", target);
        var notTenure = RunTenure("restore", "--from", foreign, "--db", target);
        var missing = RunTenure("restore", "--from", Path.Combine(dir.Path, "nope.db"), "--db", target);

        Assert.Equal(2, notSqlite.ExitCode);
        Assert.Contains($"--from {text} is not a SQLite database", notSqlite.Error);
        Assert.Equal(2, notTenure.ExitCode);
        Assert.Contains("not a Tenure database", notTenure.Error);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no such file", missing.Error);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public void Backup_RefusesToReplaceAFile_WithoutForce_AndPointsPostgreSqlToPgDump()
    {
        using var dir = new TempDirectory();
        var db = MigratedDatabase(dir.Path);
        var existing = dir.Write("existing.db", "keep me");

        var refused = RunTenure("backup", "--db", db, "--to", existing);
        var postgres = RunTenure("backup", "--db", "Host=localhost;Database=tenure;Username=tenure", "--to", Path.Combine(dir.Path, "pg.db"));

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--force", refused.Error);
        Assert.Equal("keep me", File.ReadAllText(existing));
        Assert.Equal(2, postgres.ExitCode);
        Assert.Contains("pg_dump", postgres.Error);
        Assert.Equal(0, RunTenure("backup", "--db", db, "--to", existing, "--force").ExitCode);
        Assert.Equal("delete", JournalMode(existing));
    }

    private static string JournalMode(string file) => (string)Scalar(file, "PRAGMA journal_mode")!;

    private static long Count(string file, string sql) => (long)Scalar(file, sql)!;

    private static object? Scalar(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
