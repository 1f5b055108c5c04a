using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

using Tenure.Metrics.Inputs;
using Tenure.Storage.Model;
using Tenure.Storage.Tables;
using Tenure.Testing;

namespace Tenure.Storage.Tests;

/// <summary>Every input kind has its table, and the migrations hold every column the tables describe.</summary>
public sealed class KindTablesTests(PostgresServer server)
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void StoredTables_EveryDescriptionHasExactlyOneTable()
    {
        Assert.Equal(InputKinds.All, StoredTables.All.Select(t => t.Description));
    }

    [Fact]
    public void Migrations_Sqlite_HoldTheWholeModel()
    {
        using var context = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.False(context.Database.HasPendingModelChanges(), "the SQLite model has changes no migration holds (add one)");
    }

    [Fact]
    public void Migrations_PostgreSql_HoldTheWholeModel()
    {
        using var context = new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        Assert.False(context.Database.HasPendingModelChanges(), "the PostgreSQL model has changes no migration holds (add one)");
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task MigrateAsync_TicketsStoredBeforeReopens_LoadWithReopensZero(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server, migrate: false);
        await using (var context = test.Database.CreateContext())
        {
            await context.GetService<IMigrator>().MigrateAsync("AddUsers", Token);
            // 2024-04-01T00:00:00Z; SQLite stores instants as Unix microseconds, PostgreSQL as timestamptz.
            var (at, no) = provider == DatabaseProvider.Sqlite ? ("1711929600000000", "0") : ("'2024-04-01T00:00:00Z'", "false");
            // Literals chosen above, per provider; nothing from outside the test.
            string tenant = $"INSERT INTO tenants (tenant_id, created_at, present_kinds, data_version) VALUES ('acme', {at}, {(int)InputKind.Tickets}, 1)";
            string ticket = $"INSERT INTO tickets (tenant_id, ticket_id, account_id, created_at, escalated, blocked, is_major) VALUES ('acme', 'T1', 'A1', {at}, {no}, {no}, {no})";
            await context.Database.ExecuteSqlRawAsync(tenant, Token);
            await context.Database.ExecuteSqlRawAsync(ticket, Token);
        }

        var applied = await test.Database.MigrateAsync(Token);
        var data = await StoredData.LoadAsync(test.Database, "acme", Token);

        Assert.Contains(applied, name => name.EndsWith("_AddTicketReopens", StringComparison.Ordinal));
        var stored = Assert.Single(data.Tickets);
        Assert.Equal(new Ticket("T1", "A1", new DateTime(2024, 4, 1, 0, 0, 0, DateTimeKind.Utc)), stored);
        Assert.Equal(0, stored.Reopens);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ImportAsync_Reopens_RoundTrip(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        var at = new DateTime(2024, 4, 1, 0, 0, 0, DateTimeKind.Utc);
        var tickets = new[] { new Ticket("T1", "A1", at, ResolvedAt: at.AddDays(3), Reopens: 2), new Ticket("T2", "A1", at) };

        await DataSetImporter.ImportAsync(test.Database, "acme", new TenureDataSet { Tickets = tickets, Present = InputKind.Tickets }, cancellationToken: Token);
        var data = await StoredData.LoadAsync(test.Database, "acme", Token);

        Assert.Equal(tickets, data.Tickets.OrderBy(t => t.TicketId, StringComparer.Ordinal));
    }
}
