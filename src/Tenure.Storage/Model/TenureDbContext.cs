using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Tenure.Storage.Mail;
using Tenure.Storage.Schema;
using Tenure.Storage.Tables;

namespace Tenure.Storage.Model;

/// <summary>
/// The schema: tenants, api_keys, users (dashboard sign-in), tenant_settings, data_protection_keys, health_history (daily account health) and one table per input kind (built from <see cref="StoredTables"/>
/// as property-bag entities, so the bulk paths and the model share one column list). Every table
/// has tenant_id first, in its primary key. Data goes in and out through the bulk paths; the
/// context exists for the schema and its migrations. Each provider derives its own context, which
/// owns its migration set (Migrations/Sqlite, Migrations/PostgreSql).
/// </summary>
internal abstract class TenureDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<TenantRow> Tenants => Set<TenantRow>();

    public DbSet<ApiKeyRow> ApiKeys => Set<ApiKeyRow>();

    public DbSet<UserRow> Users => Set<UserRow>();

    public DbSet<TenantSettingRow> TenantSettings => Set<TenantSettingRow>();

    /// <summary>ASP.NET Core's data protection key ring (sign-in cookies, antiforgery): see <see cref="DataProtectionKeys"/>.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<HealthHistoryRow> HealthHistory => Set<HealthHistoryRow>();
    public DbSet<AlertRow> Alerts => Set<AlertRow>();

    public DbSet<WebhookRow> Webhooks => Set<WebhookRow>();

    public DbSet<WebhookDeliveryRow> WebhookDeliveries => Set<WebhookDeliveryRow>();

    public DbSet<Surveys.SurveyRow> SurveyDefinitions => Set<Surveys.SurveyRow>();

    public DbSet<Surveys.SurveySendRow> SurveySends => Set<Surveys.SurveySendRow>();

    public DbSet<Surveys.SurveyAnswerRow> SurveyAnswers => Set<Surveys.SurveyAnswerRow>();

    public DbSet<Surveys.SurveyKeyRow> SurveyKeys => Set<Surveys.SurveyKeyRow>();

    public DbSet<MailRow> MailOutbox => Set<MailRow>();

    public DbSet<MailAttachmentRow> MailAttachments => Set<MailAttachmentRow>();

    public DbSet<Work.WorkTaskRow> WorkTasks => Set<Work.WorkTaskRow>();

    public DbSet<Work.WorkTaskCommentRow> WorkTaskComments => Set<Work.WorkTaskCommentRow>();

    public DbSet<Work.WorkNoteRow> WorkNotes => Set<Work.WorkNoteRow>();

    /// <summary>Maps a column of the given kind to the provider's exact type.</summary>
    protected abstract void ConfigureColumn(PropertyBuilder property, ColumnType type);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TenantRow>(b =>
        {
            b.ToTable("tenants");
            b.HasKey(t => t.TenantId).HasName("pk_tenants");
            ConfigureColumn(b.Property(t => t.TenantId).HasColumnName("tenant_id"), ColumnType.Text);
            ConfigureColumn(b.Property(t => t.CreatedAt).HasColumnName("created_at"), ColumnType.Instant);
            b.Property(t => t.PresentKinds).HasColumnName("present_kinds");
            b.Property(t => t.DataVersion).HasColumnName("data_version");
        });

        modelBuilder.Entity<ApiKeyRow>(b =>
        {
            b.ToTable("api_keys");
            b.HasKey(k => new { k.TenantId, k.Id }).HasName("pk_api_keys");
            ConfigureColumn(b.Property(k => k.TenantId).HasColumnName("tenant_id"), ColumnType.Text);
            b.Property(k => k.Id).HasColumnName("id").ValueGeneratedNever();
            ConfigureColumn(b.Property(k => k.Prefix).HasColumnName("prefix"), ColumnType.Text);
            b.Property(k => k.Hash).HasColumnName("hash");
            ConfigureColumn(b.Property(k => k.Role).HasColumnName("role"), ColumnType.Text);
            ConfigureColumn(b.Property(k => k.Name).HasColumnName("name"), ColumnType.Text);
            ConfigureColumn(b.Property(k => k.CreatedAt).HasColumnName("created_at"), ColumnType.Instant);
            ConfigureColumn(b.Property(k => k.RevokedAt).HasColumnName("revoked_at"), ColumnType.Instant);
            b.HasIndex(k => k.Prefix).IsUnique().HasDatabaseName("ux_api_keys_prefix");
            b.HasIndex(k => k.Id).IsUnique().HasDatabaseName("ux_api_keys_id");
        });

        modelBuilder.Entity<UserRow>(b =>
        {
            b.ToTable("users");
            b.HasKey(u => new { u.TenantId, u.Email }).HasName("pk_users");
            ConfigureColumn(b.Property(u => u.TenantId).HasColumnName("tenant_id").HasColumnOrder(0), ColumnType.Text);
            ConfigureColumn(b.Property(u => u.Email).HasColumnName("email").HasColumnOrder(1), ColumnType.Text);
            ConfigureColumn(b.Property(u => u.PasswordHash).HasColumnName("password_hash").HasColumnOrder(2), ColumnType.Text);
            ConfigureColumn(b.Property(u => u.Role).HasColumnName("role").HasColumnOrder(3), ColumnType.Text);
            ConfigureColumn(b.Property(u => u.Csm).HasColumnName("csm").HasColumnOrder(4), ColumnType.Text);
            ConfigureColumn(b.Property(u => u.CreatedAt).HasColumnName("created_at").HasColumnOrder(5), ColumnType.Instant);
            ConfigureColumn(b.Property(u => u.DisabledAt).HasColumnName("disabled_at").HasColumnOrder(6), ColumnType.Instant);
            ConfigureColumn(b.Property(u => u.SessionStamp).HasColumnName("session_stamp").HasColumnOrder(7), ColumnType.Text);
            b.Property(u => u.NoAlertEmails).HasColumnName("no_alert_emails").HasColumnOrder(8);
            b.Property(u => u.NoDigestEmails).HasColumnName("no_digest_emails").HasColumnOrder(9);
            // Sign-in without a tenant finds the address in every tenant.
            b.HasIndex(u => u.Email).HasDatabaseName("ix_users_email");
        });

        modelBuilder.Entity<TenantSettingRow>(b =>
        {
            b.ToTable("tenant_settings");
            b.HasKey(s => new { s.TenantId, s.Name }).HasName("pk_tenant_settings");
            ConfigureColumn(b.Property(s => s.TenantId).HasColumnName("tenant_id").HasColumnOrder(0), ColumnType.Text);
            ConfigureColumn(b.Property(s => s.Name).HasColumnName("name").HasColumnOrder(1), ColumnType.Text);
            ConfigureColumn(b.Property(s => s.Value).HasColumnName("value").HasColumnOrder(2), ColumnType.Text);
            ConfigureColumn(b.Property(s => s.UpdatedAt).HasColumnName("updated_at").HasColumnOrder(3), ColumnType.Instant);
        });

        modelBuilder.Entity<DataProtectionKey>(b =>
        {
            b.ToTable("data_protection_keys");
            b.HasKey(k => k.Id).HasName("pk_data_protection_keys");
            b.Property(k => k.Id).HasColumnName("id");
            ConfigureColumn(b.Property(k => k.FriendlyName).HasColumnName("friendly_name"), ColumnType.Text);
            ConfigureColumn(b.Property(k => k.Xml).HasColumnName("xml"), ColumnType.Text);
        });

        modelBuilder.Entity<HealthHistoryRow>(b =>
        {
            b.ToTable("health_history");
            b.HasKey(h => new { h.TenantId, h.AccountId, h.Day }).HasName("pk_health_history");
            ConfigureColumn(b.Property(h => h.TenantId).HasColumnName("tenant_id").HasColumnOrder(0), ColumnType.Text);
            ConfigureColumn(b.Property(h => h.AccountId).HasColumnName("account_id").HasColumnOrder(1), ColumnType.Text);
            ConfigureColumn(b.Property(h => h.Day).HasColumnName("day").HasColumnOrder(2), ColumnType.Instant);
            ConfigureColumn(b.Property(h => h.Score).HasColumnName("score").HasColumnOrder(3), ColumnType.Decimal);
            ConfigureColumn(b.Property(h => h.Band).HasColumnName("band").HasColumnOrder(4), ColumnType.Text);
            ConfigureColumn(b.Property(h => h.Factors).HasColumnName("factors").HasColumnOrder(5), ColumnType.Text);
            // Every account's score on a day (the accounts list's 30-day trend) from the index alone: with the account and
            // the score in it, reading a day is one range of the index instead of a look-up of each of its rows in the
            // table, whose rows are wide (their factors) and scattered by account (1.4 s a day for 26,832 rows, cold).
            b.HasIndex(h => new { h.TenantId, h.Day, h.AccountId, h.Score }).HasDatabaseName("ix_health_history_day_scores");
        });
        AlertTables.Configure(modelBuilder, ConfigureColumn);
        Surveys.SurveyTables.Configure(modelBuilder, ConfigureColumn);
        MailTables.Configure(modelBuilder, ConfigureColumn);
        Goals.GoalTables.Configure(modelBuilder, ConfigureColumn);

        Work.WorkTables.Configure(modelBuilder, ConfigureColumn);

        foreach (var table in StoredTables.All)
        {
            modelBuilder.SharedTypeEntity<Dictionary<string, object>>(table.Name, b => ConfigureKindTable(b, table));
        }
    }

    void ConfigureKindTable(EntityTypeBuilder<Dictionary<string, object>> b, KindTable table)
    {
        b.ToTable(table.Name);
        ConfigureColumn(b.IndexerProperty<string>("tenant_id").IsRequired().HasColumnOrder(0), ColumnType.Text);
        int order = 1;
        foreach (var column in table.Columns)
        {
            // Columns in the order of the input file's description, not EF's alphabetical default.
            var property = b.IndexerProperty(ClrType(column), column.Name).IsRequired(!column.Nullable).HasColumnOrder(order++);
            ConfigureColumn(property, column.Type);
        }
        b.HasKey(["tenant_id", .. table.KeyColumns.Select(c => c.Name)]).HasName($"pk_{table.Name}");
        if (table.IndexedByAccount)
        {
            b.HasIndex("tenant_id", "account_id").HasDatabaseName($"ix_{table.Name}_account");
        }
    }

    static Type ClrType(TableColumn column)
    {
        var type = column.Type switch
        {
            ColumnType.Text => typeof(string),
            ColumnType.Instant => typeof(DateTime),
            ColumnType.Decimal => typeof(decimal),
            ColumnType.Integer => typeof(int),
            ColumnType.Boolean => typeof(bool),
            _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, null),
        };
        return column.Nullable && type.IsValueType ? typeof(Nullable<>).MakeGenericType(type) : type;
    }
}
