namespace Tenure.Storage.Model;

/// <summary>
/// A row of health_history: an account's health score on one day (METRICS.md "Account health score" at the
/// day's 00:00 UTC), with every factor's value, points and weight as the compact text of <see cref="Health.StoredHealthFactors"/>.
/// </summary>
internal sealed class HealthHistoryRow
{
    public required string TenantId { get; set; }
    public required string AccountId { get; set; }
    public DateTime Day { get; set; }
    public decimal? Score { get; set; }
    public string? Band { get; set; }
    public required string Factors { get; set; }
}
