namespace Tenure.Storage.Model;

/// <summary>A row of tenant_settings: one named setting of a tenant (e.g. benchmark_industry).</summary>
internal sealed class TenantSettingRow
{
    public required string TenantId { get; set; }
    public required string Name { get; set; }
    public required string Value { get; set; }
    public DateTime UpdatedAt { get; set; }
}
