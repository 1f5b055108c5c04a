using System.ComponentModel.DataAnnotations;

namespace Tenure.Web.Live;

/// <summary>The "Tenure:Live" configuration section: the live-update streams of the dashboards and the API (docs/operations.md).</summary>
public sealed class LiveOptions
{
    public const string Section = "Tenure:Live";

    /// <summary>Whether the server offers live updates (default true); off, the streams answer 404 and pages stay as loaded.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Open streams the server holds at most, over every tenant (default 1000).</summary>
    [Range(1, 100_000)]
    public int MaxConnections { get; set; } = 1000;

    /// <summary>Open streams of one tenant at most (default 200).</summary>
    [Range(1, 100_000)]
    public int MaxConnectionsPerTenant { get; set; } = 200;

    /// <summary>
    /// Open streams of one signed-in user or one API key at most (default 4: a browser opens at most 6 HTTP/1.1
    /// connections to a site, and every tab holds one stream, so a fifth tab stays static rather than starving the pages).
    /// </summary>
    [Range(1, 1000)]
    public int MaxConnectionsPerUser { get; set; } = 4;

    /// <summary>Seconds between heartbeat comments on an idle stream (default 20: below the 60 s read timeout of common proxies).</summary>
    [Range(1, 3600)]
    public int HeartbeatSeconds { get; set; } = 20;

    /// <summary>
    /// Milliseconds between looks at the stored data versions of the tenants someone watches (default 1000): how a write
    /// of another process (<c>tenure import</c> beside the server) is noticed.
    /// </summary>
    [Range(100, 60_000)]
    public int PollMilliseconds { get; set; } = 1000;

    /// <summary>Least milliseconds between two change events of one tenant (default 1000): changes arriving meanwhile go out as one.</summary>
    [Range(0, 60_000)]
    public int CoalesceMilliseconds { get; set; } = 1000;

    /// <summary>
    /// Minutes a stream stays open before the server ends it (default 30); the browser reconnects at once, which signs the
    /// stream in again, so a session that ended (signed out, user disabled) stops hearing its tenant's changes.
    /// </summary>
    [Range(1, 1440)]
    public int MaxStreamMinutes { get; set; } = 30;
}
