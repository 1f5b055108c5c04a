using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Tenure.Storage.Schema;

namespace Tenure.Storage.Goals;

/// <summary>
/// A row of goals: a tenant's target for one metric over one kind of period and one scope (docs/goals.md). The key is
/// (tenant, metric, period, scope, scope_value): one goal per metric, period and scope; setting it again updates it.
/// </summary>
internal sealed class GoalRow
{
    public required string TenantId { get; set; }
    public required string Metric { get; set; }

    /// <summary>month, quarter or year.</summary>
    public required string Period { get; set; }

    /// <summary>all, csm or segment.</summary>
    public required string Scope { get; set; }

    /// <summary>The CSM name or segment; empty for scope all (part of the key, so never null).</summary>
    public required string ScopeValue { get; set; }

    /// <summary>at_most or at_least.</summary>
    public required string Direction { get; set; }
    public decimal Target { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Who set it: the signed-in user's address, "api key NAME" or "cli".</summary>
    public required string UpdatedBy { get; set; }
}

/// <summary>The goals table in the EF model (both providers).</summary>
internal static class GoalTables
{
    public static void Configure(ModelBuilder modelBuilder, Action<PropertyBuilder, ColumnType> column)
    {
        modelBuilder.Entity<GoalRow>(b =>
        {
            b.ToTable("goals");
            b.HasKey(g => new { g.TenantId, g.Metric, g.Period, g.Scope, g.ScopeValue }).HasName("pk_goals");
            column(b.Property(g => g.TenantId).HasColumnName("tenant_id").HasColumnOrder(0), ColumnType.Text);
            column(b.Property(g => g.Metric).HasColumnName("metric").HasColumnOrder(1), ColumnType.Text);
            column(b.Property(g => g.Period).HasColumnName("period").HasColumnOrder(2), ColumnType.Text);
            column(b.Property(g => g.Scope).HasColumnName("scope").HasColumnOrder(3), ColumnType.Text);
            column(b.Property(g => g.ScopeValue).HasColumnName("scope_value").HasColumnOrder(4), ColumnType.Text);
            column(b.Property(g => g.Direction).HasColumnName("direction").HasColumnOrder(5), ColumnType.Text);
            column(b.Property(g => g.Target).HasColumnName("target").HasColumnOrder(6), ColumnType.Decimal);
            column(b.Property(g => g.UpdatedAt).HasColumnName("updated_at").HasColumnOrder(7), ColumnType.Instant);
            column(b.Property(g => g.UpdatedBy).HasColumnName("updated_by").HasColumnOrder(8), ColumnType.Text);
        });
    }
}
