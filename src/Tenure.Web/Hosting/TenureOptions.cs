using System.ComponentModel.DataAnnotations;

using Tenure.Storage;

namespace Tenure.Web.Hosting;

/// <summary>The "Tenure" configuration section.</summary>
public sealed class TenureOptions : IValidatableObject
{
    public const string Section = "Tenure";

    /// <summary>Where the data lives, as the CLI's --db: empty = the SQLite file ./tenure.db (see <see cref="DatabaseLocation.Parse"/>).</summary>
    public string? Database { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        string? problem = null;
        try
        {
            DatabaseLocation.Parse(Database);
        }
        catch (ArgumentException e)
        {
            problem = e.Message;
        }
        if (problem is not null)
            yield return new ValidationResult($"Tenure:Database: {problem}", [nameof(Database)]);
    }
}

/// <summary>The "Tenure:Api" configuration section: limits of the HTTP API.</summary>
public sealed class ApiOptions
{
    public const string Section = "Tenure:Api";

    /// <summary>The largest request body accepted, in bytes (default 32 MiB); a larger one gets 413.</summary>
    [Range(1, long.MaxValue)]
    public long MaxRequestBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Write requests per second per API key (a token bucket of this size, refilled every second); over it: 429.</summary>
    [Range(1, 1_000_000)]
    public int WriteRequestsPerSecond { get; set; } = 200;

    /// <summary>
    /// Heavy reads (GET /api/v1/metrics and /api/v1/accounts) computed at once, server-wide; 0 (the default): twice
    /// the processor count. Beyond it, up to <see cref="HeavyReadQueue"/> wait their turn; more get 429.
    /// </summary>
    [Range(0, 10_000)]
    public int ConcurrentHeavyReads { get; set; }

    /// <summary>Heavy reads that may wait for a turn (oldest first) before more get 429 (default 8).</summary>
    [Range(0, 100_000)]
    public int HeavyReadQueue { get; set; } = 8;
}
