namespace Tenure.Storage.Model;

/// <summary>A row of api_keys: the key's SHA-256 and prefix, never the key itself.</summary>
internal sealed class ApiKeyRow
{
    public required string TenantId { get; set; }
    public long Id { get; set; }

    /// <summary>The 8 hex digits after "tnr_": unique, looked up on every request.</summary>
    public required string Prefix { get; set; }

    /// <summary>SHA-256 of the whole key text (UTF-8).</summary>
    public required byte[] Hash { get; set; }

    /// <summary>read, write or admin.</summary>
    public required string Role { get; set; }
    public string? Name { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
