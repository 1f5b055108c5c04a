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

/// <summary>The "Tenure:SignIn" configuration section: throttling of the dashboards' sign-in (docs/security.md, "Sign-in").</summary>
public sealed class SignInOptions
{
    public const string Section = "Tenure:SignIn";

    /// <summary>Sign-in attempts (form posts) per client IP address per minute; over it: 429 with Retry-After.</summary>
    [Range(1, 100_000)]
    public int AttemptsPerMinutePerAddress { get; set; } = 10;

    /// <summary>Failed attempts on one email address, from anywhere, before it is locked.</summary>
    [Range(1, 1_000)]
    public int FailuresBeforeLockout { get; set; } = 5;

    /// <summary>The first lockout, in seconds; each further lockout of the same address doubles it, up to <see cref="MaxLockoutSeconds"/>.</summary>
    [Range(1, 86_400)]
    public int FirstLockoutSeconds { get; set; } = 60;

    /// <summary>The longest lockout, in seconds.</summary>
    [Range(1, 604_800)]
    public int MaxLockoutSeconds { get; set; } = 3_600;

    /// <summary>Password checks (PBKDF2, about 0.1 s of one core each) run at once; more wait in a short queue, past it: 429.</summary>
    [Range(1, 64)]
    public int ConcurrentPasswordChecks { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);
}

/// <summary>
/// The "Tenure:Cache" configuration section: how much memory the tenants' data and computed answers may hold
/// (docs/operations.md, "Memory"; docs/adr/0160-warm-tenants-bounded-by-bytes.md). Sizes are estimates from row and
/// result counts (<see cref="Data.TenantSnapshot.EstimatedBytes"/>), not measurements of the heap.
/// </summary>
public sealed class CacheOptions
{
    public const string Section = "Tenure:Cache";

    /// <summary>
    /// The tenants' data held in memory, all tenants together, in bytes (default 4 GiB). Past it, the tenants read least
    /// recently are dropped (never the one being read) and loaded again on their next read.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>
    /// Computed answers (dashboard pages, filtered data, API metric results) held per tenant, in bytes (default
    /// 256 MiB). Past it, the tenant's answers used least recently are dropped and computed again when asked for.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxTenantBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// Seconds without requests or background work after which the memory the garbage collector keeps beyond the live
    /// heap is given back to the system (<see cref="IdleMemoryRelease"/>; default 10); 0 never does.
    /// </summary>
    [Range(0, 86_400)]
    public int ReleaseWhenIdleSeconds { get; set; } = 10;

    /// <summary>
    /// Dashboard pages and API metric answers computed at once, server-wide, when not cached (<see cref="ComputeTurns"/>);
    /// 0 (the default): the processor count. Beyond it, they wait their turn, oldest first.
    /// </summary>
    [Range(0, 10_000)]
    public int ConcurrentComputations { get; set; }

    /// <summary>
    /// The order of the computations waiting for a turn (<see cref="ComputeTurns"/>): each is due at the time it asked plus
    /// this many times the time its kind of work took lately, and the earliest due goes first (default 4: a view expected to
    /// take 30 ms goes before one expected to take 300 ms that asked up to a second before it); 0: oldest first.
    /// </summary>
    [Range(0, 1000)]
    public double TurnsByCost { get; set; } = 4;

    /// <summary>
    /// The nice value (0-19; default 10) of the threads that build metric grids in the background
    /// (<see cref="BackgroundScheduler"/>): on Linux they yield the cores to requests; 0 runs them at the server's own
    /// priority. Elsewhere any value above 0 asks for a below-normal thread priority.
    /// </summary>
    [Range(0, 19)]
    public int BackgroundNice { get; set; } = 10;
}
