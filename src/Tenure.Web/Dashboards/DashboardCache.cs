using System.Collections.Concurrent;

using Tenure.Metrics.Drilldown;
using Tenure.Metrics.Inputs;

namespace Tenure.Web.Dashboards;

/// <summary>
/// Computed page models and filtered data sets per (tenant, data version, page, query), so a repeated
/// view is served from memory. An entry of an older data version is never returned (the version is in
/// the key) and is dropped when a newer version is seen; concurrent requests for the same key share one
/// computation. Bounded: past <see cref="MaxEntries"/> the oldest half is dropped.
/// </summary>
public sealed class DashboardCache
{
    public const int MaxEntries = 512;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> latestVersion = new(StringComparer.Ordinal);
    private long clock;

    public int Count => entries.Count;

    /// <summary>The tenants something was cached for since the process started (the warm-up keeps these warm).</summary>
    public IReadOnlyList<string> KnownTenants => [.. latestVersion.Keys];

    /// <summary>The value cached under the key, computing it with <paramref name="compute"/> on a miss.</summary>
    public T GetOrCompute<T>(string tenant, long version, string page, string query, Func<T> compute) where T : class
    {
        ArgumentNullException.ThrowIfNull(compute);
        Forget(tenant, version);
        var key = $"{tenant}\n{version}\n{page}\n{query}";
        var entry = entries.GetOrAdd(key, _ => new Entry(new Lazy<object>(() => compute(), LazyThreadSafetyMode.ExecutionAndPublication)));
        entry.Touched = Interlocked.Increment(ref clock);
        try
        {
            var value = (T)entry.Value.Value;
            Trim();
            return value;
        }
        catch
        {
            entries.TryRemove(key, out _);
            throw;
        }
    }

    /// <summary>The tenant's data narrowed to <paramref name="filter"/> (<see cref="SegmentFilter.Apply"/>), cached like a page.</summary>
    public TenureDataSet Filtered(string tenant, long version, TenureDataSet data, SegmentFilter filter) =>
        filter.IsEmpty ? data : GetOrCompute(tenant, version, "filtered-data", string.Join('\u001f', filter.Parts.Select(p => $"{p.By}={p.Value}")), () => filter.Apply(data));

    private void Forget(string tenant, long version)
    {
        var known = latestVersion.GetOrAdd(tenant, version);
        if (known >= version) return;
        latestVersion[tenant] = version;
        var prefix = tenant + "\n";
        foreach (var key in entries.Keys)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && !key.StartsWith($"{prefix}{version}\n", StringComparison.Ordinal))
                entries.TryRemove(key, out _);
        }
    }

    private void Trim()
    {
        if (entries.Count <= MaxEntries) return;
        foreach (var (key, _) in entries.OrderBy(e => e.Value.Touched).Take(entries.Count / 2).ToList())
            entries.TryRemove(key, out _);
    }

    private sealed class Entry(Lazy<object> value)
    {
        public Lazy<object> Value { get; } = value;
        public long Touched;
    }
}
