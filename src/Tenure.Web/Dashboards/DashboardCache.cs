using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

using Microsoft.Extensions.Options;

using Tenure.Metrics.Drilldown;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Web.Hosting;

namespace Tenure.Web.Dashboards;

/// <summary>
/// Computed page models, filtered data sets and API metric results per (tenant, data version, page, query), so a
/// repeated view or query is served from memory. An entry of an older data version is never returned (the version
/// is in the key) and is dropped when a newer version is seen; concurrent requests for the same key share one
/// computation. Bounded two ways: past <see cref="MaxEntries"/> entries the oldest half is dropped, and past
/// <see cref="CacheOptions.MaxTenantBytes"/> of a tenant's estimated bytes (<see cref="EstimatedBytes"/>) that
/// tenant's least recently used entries are dropped until it holds three quarters of it. Metric grids
/// (<see cref="MetricGrids"/>, their windows too: seconds of a core each, at most a few dozen per tenant and data version) are costly to
/// make again: they do not count towards <see cref="MaxEntries"/>, and a tenant over its bytes drops its other entries first.
/// </summary>
public sealed class DashboardCache
{
    public const int MaxEntries = 512;

    /// <summary>
    /// What a filtered data set counts per row: its row references (the records are the tenant's, shared). It holds more:
    /// measured on the peer's 100k set, 15 bytes a row once narrowed (its account numbers and its own usage rows too)
    /// and 33-40 once every metric was computed over it (its derivations). Counting 36 with the default bound made the
    /// 20-client load test narrow the large segments again and again (a third to three fifths fewer requests, 9 GB at
    /// peak, ADR 0290), so the bound counts the references and docs/operations.md gives the full figure.
    /// </summary>
    public const long FilteredRowBytes = 8;

    /// <summary>The estimate of a value of no known shape (a page model: a few cards and charts).</summary>
    public const long PageModelBytes = 64 * 1024;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> latestVersion = new(StringComparer.Ordinal);
    private readonly long maxTenantBytes;
    private long clock;

    /// <summary>With the default bounds (tests).</summary>
    public DashboardCache()
        : this(Options.Create(new CacheOptions()))
    {
    }

    public DashboardCache(IOptions<CacheOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        maxTenantBytes = options.Value.MaxTenantBytes;
    }

    public int Count => entries.Count;

    /// <summary>The tenants something was cached for since the process started (the warm-up keeps these warm).</summary>
    public IReadOnlyList<string> KnownTenants => [.. latestVersion.Keys];

    /// <summary>The estimated bytes of the tenant's entries computed so far.</summary>
    public long BytesOf(string tenant) => entries.Values.Where(e => e.Tenant == tenant).Sum(e => e.Bytes);

    /// <summary>The value cached under the key, computing it with <paramref name="compute"/> on a miss.</summary>
    public T GetOrCompute<T>(string tenant, long version, string page, string query, Func<T> compute) where T : class =>
        GetOrCompute(tenant, version, page, query, compute, out _);

    /// <summary>The value cached under the key, computing it with <paramref name="compute"/> on a miss (then <paramref name="computed"/>).</summary>
    public T GetOrCompute<T>(string tenant, long version, string page, string query, Func<T> compute, out bool computed) where T : class
    {
        ArgumentNullException.ThrowIfNull(compute);
        Forget(tenant, version);
        var key = KeyOf(tenant, version, page, query);
        var ran = false;
        var entry = entries.GetOrAdd(key, _ => new Entry(tenant, new Lazy<object>(() =>
        {
            ran = true;
            return compute();
        }, LazyThreadSafetyMode.ExecutionAndPublication)));
        entry.Touched = Interlocked.Increment(ref clock);
        try
        {
            var value = (T)entry.Value.Value;
            computed = ran;
            if (ran)
            {
                entry.Bytes = EstimatedBytes(value);
                entry.Costly = value is MetricGrid or MetricWindows;
                Trim(tenant);
            }
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
        filter.IsEmpty ? data : GetOrCompute(tenant, version, FilteredPage, FilterKey(filter), () => filter.Apply(data));

    /// <summary>
    /// Whether the tenant's data narrowed to <paramref name="filter"/> is made and cached already (<see cref="Filtered"/>);
    /// never makes it. A page that does not need the segment's data computes its cards from it only when another page made it.
    /// </summary>
    public bool HasFiltered(string tenant, long version, SegmentFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return filter.IsEmpty || TryGet<TenureDataSet>(tenant, version, FilteredPage, FilterKey(filter), out _);
    }

    /// <summary>The value cached under the key when it is computed already; never computes, never waits for a computation.</summary>
    public bool TryGet<T>(string tenant, long version, string page, string query, [MaybeNullWhen(false)] out T value) where T : class
    {
        if (entries.TryGetValue(KeyOf(tenant, version, page, query), out var entry) && entry.Value.IsValueCreated && entry.Value.Value is T made)
        {
            entry.Touched = Interlocked.Increment(ref clock);
            value = made;
            return true;
        }
        value = null;
        return false;
    }

    private const string FilteredPage = "filtered-data";

    private static string FilterKey(SegmentFilter filter) => string.Join('\u001f', filter.Parts.Select(p => $"{p.By}={p.Value}"));

    private static string KeyOf(string tenant, long version, string page, string query) => $"{tenant}\n{version}\n{page}\n{query}";

    /// <summary>
    /// What a cached value holds, roughly: a filtered data set <see cref="FilteredRowBytes"/> per row, a list 256 bytes per
    /// item (a metric result, an account's summary), anything else <see cref="PageModelBytes"/>.
    /// </summary>
    public static long EstimatedBytes(object value) => value switch
    {
        TenureDataSet data => 1024 + FilteredRowBytes * RowCount(data),
        MetricGrid grid => 1024 + 128L * grid.Count,
        MetricWindows windows => 1024 + 128L * windows.Count,
        ICollection items => 1024 + 256L * items.Count,
        _ => PageModelBytes,
    };

    /// <summary>Every kind's records, those a segment has not narrowed yet included (counted, not made: <see cref="DeferredRows{T}"/>).</summary>
    private static long RowCount(TenureDataSet data) => InputKinds.All.Sum(kind => (long)kind.CountIn(data));

    /// <summary>Drops every entry of the tenant (its data was dropped from memory).</summary>
    public void Drop(string tenant)
    {
        foreach (var (key, entry) in entries)
        {
            if (entry.Tenant == tenant)
                entries.TryRemove(key, out _);
        }
    }

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

    private void Trim(string tenant)
    {
        var mine = entries.Where(e => e.Value.Tenant == tenant).ToList();
        long bytes = mine.Sum(e => e.Value.Bytes);
        if (bytes > maxTenantBytes)
        {
            // Least recently used first, grids last, down to three quarters of the bound (so a full tenant does not trim at
            // every miss).
            foreach (var (key, entry) in mine.OrderBy(e => e.Value.Costly).ThenBy(e => e.Value.Touched))
            {
                if (bytes <= maxTenantBytes / 4 * 3)
                    break;
                if (entries.TryRemove(key, out _))
                    bytes -= entry.Bytes;
            }
        }
        // Fewer entries than the bound, grids included, means fewer answers than the bound: nothing to list.
        if (entries.Count <= MaxEntries) return;
        var counted = entries.Where(e => !e.Value.Costly).ToList();
        if (counted.Count <= MaxEntries) return;
        foreach (var (key, _) in counted.OrderBy(e => e.Value.Touched).Take(counted.Count / 2))
            entries.TryRemove(key, out _);
    }

    private sealed class Entry(string tenant, Lazy<object> value)
    {
        public string Tenant { get; } = tenant;
        public Lazy<object> Value { get; } = value;
        public long Touched;

        /// <summary>The value's estimated bytes, once computed (0 before).</summary>
        public long Bytes;

        /// <summary>Whether the value is costly to make again (a metric grid or windows): kept past the entry count, dropped last for bytes.</summary>
        public bool Costly;
    }
}
