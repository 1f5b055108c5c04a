using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Tenure.Storage.Schema;

namespace Tenure.Storage.Work;

/// <summary>
/// A row of work_tasks: a task kept by Tenure (created by hand, through the API or the CLI, or by a playbook),
/// beside the imported tasks of tasks.csv (table tasks).
/// </summary>
internal sealed class WorkTaskRow
{
    public required string TenantId { get; set; }

    /// <summary>Unique across tenants (highest + 1, under the table lock of the write that creates it).</summary>
    public long Id { get; set; }
    public required string AccountId { get; set; }
    public required string Title { get; set; }
    public string? Owner { get; set; }
    public string? Category { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? DueAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public string? CompletedBy { get; set; }

    /// <summary>The alert whose playbook created it; null for tasks created by hand.</summary>
    public long? AlertId { get; set; }

    /// <summary>Its place in the playbook (0-based); with <see cref="AlertId"/> unique, so a playbook never runs twice for one alert.</summary>
    public int? PlaybookStep { get; set; }
}

/// <summary>A row of work_task_comments: one comment on one Tenure task.</summary>
internal sealed class WorkTaskCommentRow
{
    public required string TenantId { get; set; }
    public long Id { get; set; }
    public long TaskId { get; set; }
    public string? Author { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string Text { get; set; }
}

/// <summary>A row of work_notes: a note a CSM wrote on an account page (or through the API or the CLI).</summary>
internal sealed class WorkNoteRow
{
    public required string TenantId { get; set; }
    public long Id { get; set; }
    public required string AccountId { get; set; }
    public string? Author { get; set; }
    public required string Source { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string Text { get; set; }
}

/// <summary>The work_tasks, work_task_comments and work_notes tables (docs/storage.md, docs/tasks.md).</summary>
internal static class WorkTables
{
    public static void Configure(ModelBuilder modelBuilder, Action<PropertyBuilder, ColumnType> column)
    {
        modelBuilder.Entity<WorkTaskRow>(b =>
        {
            b.ToTable("work_tasks");
            b.HasKey(t => new { t.TenantId, t.Id }).HasName("pk_work_tasks");
            column(b.Property(t => t.TenantId).HasColumnName("tenant_id").HasColumnOrder(0), ColumnType.Text);
            b.Property(t => t.Id).HasColumnName("id").HasColumnOrder(1).ValueGeneratedNever();
            column(b.Property(t => t.AccountId).HasColumnName("account_id").HasColumnOrder(2), ColumnType.Text);
            column(b.Property(t => t.Title).HasColumnName("title").HasColumnOrder(3), ColumnType.Text);
            column(b.Property(t => t.Owner).HasColumnName("owner").HasColumnOrder(4), ColumnType.Text);
            column(b.Property(t => t.Category).HasColumnName("category").HasColumnOrder(5), ColumnType.Text);
            column(b.Property(t => t.CreatedAt).HasColumnName("created_at").HasColumnOrder(6), ColumnType.Instant);
            column(b.Property(t => t.CreatedBy).HasColumnName("created_by").HasColumnOrder(7), ColumnType.Text);
            column(b.Property(t => t.DueAt).HasColumnName("due_at").HasColumnOrder(8), ColumnType.Instant);
            column(b.Property(t => t.CompletedAt).HasColumnName("completed_at").HasColumnOrder(9), ColumnType.Instant);
            column(b.Property(t => t.CompletedBy).HasColumnName("completed_by").HasColumnOrder(10), ColumnType.Text);
            b.Property(t => t.AlertId).HasColumnName("alert_id").HasColumnOrder(11);
            b.Property(t => t.PlaybookStep).HasColumnName("playbook_step").HasColumnOrder(12);
            b.HasIndex(t => t.Id).IsUnique().HasDatabaseName("ux_work_tasks_id");
            // The database, not only the code, keeps a playbook from creating the same task twice for one alert.
            b.HasIndex(t => new { t.TenantId, t.AlertId, t.PlaybookStep }).IsUnique().HasFilter("alert_id IS NOT NULL").HasDatabaseName("ux_work_tasks_playbook");
            b.HasIndex(t => new { t.TenantId, t.AccountId }).HasDatabaseName("ix_work_tasks_account");
            b.HasIndex(t => new { t.TenantId, t.Owner, t.CompletedAt }).HasDatabaseName("ix_work_tasks_owner");
        });

        modelBuilder.Entity<WorkTaskCommentRow>(b =>
        {
            b.ToTable("work_task_comments");
            b.HasKey(c => new { c.TenantId, c.Id }).HasName("pk_work_task_comments");
            column(b.Property(c => c.TenantId).HasColumnName("tenant_id").HasColumnOrder(0), ColumnType.Text);
            b.Property(c => c.Id).HasColumnName("id").HasColumnOrder(1).ValueGeneratedNever();
            b.Property(c => c.TaskId).HasColumnName("task_id").HasColumnOrder(2);
            column(b.Property(c => c.Author).HasColumnName("author").HasColumnOrder(3), ColumnType.Text);
            column(b.Property(c => c.CreatedAt).HasColumnName("created_at").HasColumnOrder(4), ColumnType.Instant);
            column(b.Property(c => c.Text).HasColumnName("text").HasColumnOrder(5), ColumnType.Text);
            b.HasIndex(c => new { c.TenantId, c.TaskId }).HasDatabaseName("ix_work_task_comments_task");
        });

        modelBuilder.Entity<WorkNoteRow>(b =>
        {
            b.ToTable("work_notes");
            b.HasKey(n => new { n.TenantId, n.Id }).HasName("pk_work_notes");
            column(b.Property(n => n.TenantId).HasColumnName("tenant_id").HasColumnOrder(0), ColumnType.Text);
            b.Property(n => n.Id).HasColumnName("id").HasColumnOrder(1).ValueGeneratedNever();
            column(b.Property(n => n.AccountId).HasColumnName("account_id").HasColumnOrder(2), ColumnType.Text);
            column(b.Property(n => n.Author).HasColumnName("author").HasColumnOrder(3), ColumnType.Text);
            column(b.Property(n => n.Source).HasColumnName("source").HasColumnOrder(4), ColumnType.Text);
            column(b.Property(n => n.CreatedAt).HasColumnName("created_at").HasColumnOrder(5), ColumnType.Instant);
            column(b.Property(n => n.Text).HasColumnName("text").HasColumnOrder(6), ColumnType.Text);
            b.HasIndex(n => new { n.TenantId, n.AccountId }).HasDatabaseName("ix_work_notes_account");
        });
    }
}
