namespace Tenure.Storage.Model;

/// <summary>A row of tenants: one per tenant that has data or API keys.</summary>
internal sealed class TenantRow
{
    public required string TenantId { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>The <see cref="Metrics.Inputs.InputKind"/> flags of every kind ever imported (present even when empty).</summary>
    public int PresentKinds { get; set; }

    /// <summary>Bumped by every write transaction on the tenant's data; 0 while it has none.</summary>
    public long DataVersion { get; set; }
}
