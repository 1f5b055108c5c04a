using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

using Tenure.Metrics.Inputs;
using Tenure.Metrics.Subscriptions;

namespace Tenure.Metrics.Engine;

/// <summary>
/// What every request over one data set builds the same way whatever it asks: the numbered accounts (with their
/// rows grouped by account, <see cref="AccountDirectory.GroupByAccount"/>), the subscription coverage per churn grace
/// and the segmentation per split. Built on first use and kept while the data set is alive, so the second request
/// over a tenant's data starts from them instead of hashing every row's account id again (docs/adr/0210).
/// </summary>
/// <remarks>
/// A <see cref="TenureDataSet"/> is changed by making a new one (<c>with</c>), which gets derivations of its own: they
/// are keyed by the instance, not by its contents. A list changed in place after a computation (no caller of the
/// engine does; a test might) is noticed by its row count and the derivations are built again.
/// </remarks>
internal sealed class SharedDerivations
{
    private static readonly ConditionalWeakTable<TenureDataSet, SharedDerivations> Table = [];

    private readonly TenureDataSet data;
    private readonly int[] counts;
    private readonly Lazy<AccountDirectory> accounts;
    private readonly ConcurrentDictionary<int, Lazy<SubscriptionCoverage>> coverage = new();
    private readonly ConcurrentDictionary<(SegmentBy By, int Grace), Lazy<Segmentation>> segmentations = new();
    private readonly ConcurrentDictionary<string, Lazy<object>> others = new(StringComparer.Ordinal);

    private SharedDerivations(TenureDataSet data, int[] counts, AccountDirectory? directory = null, Narrowing? narrowing = null)
    {
        this.data = data;
        this.counts = counts;
        accounts = directory is null ? new Lazy<AccountDirectory>(() => AccountDirectory.Build(data)) : new Lazy<AccountDirectory>(directory);
        Narrowed = narrowing;
    }

    /// <summary>
    /// Starts the derivations of <paramref name="data"/>, a segment of <paramref name="whole"/>, from
    /// <paramref name="directory"/>, its numbered accounts worked out from the whole's (<see cref="AccountDirectory.Narrowed"/>),
    /// <paramref name="wholeAccountOf"/> giving each of its accounts' number in the whole's directory. The rest are built on
    /// first use, from the whole's kept ones where a derivation knows how (<see cref="Narrowed"/>).
    /// </summary>
    public static void Adopt(TenureDataSet data, AccountDirectory directory, TenureDataSet whole, int[] wholeAccountOf) =>
        Table.AddOrUpdate(data, new SharedDerivations(data, CountsOf(data), directory, new Narrowing(whole, wholeAccountOf)));

    /// <summary>The whole data set this one is a segment of, and each account's number in its directory; null when this one was read or built whole.</summary>
    public Narrowing? Narrowed { get; }

    /// <summary>The value named <paramref name="key"/> when it was built already; null otherwise (nothing is built).</summary>
    public T? Built<T>(string key) where T : class =>
        others.TryGetValue(key, out var kept) && kept.IsValueCreated ? kept.Value as T : null;

    /// <summary>The derivations of <paramref name="data"/>, shared by every request over the same instance.</summary>
    public static SharedDerivations Of(TenureDataSet data)
    {
        var counts = CountsOf(data);
        if (Table.TryGetValue(data, out var shared) && shared.counts.AsSpan().SequenceEqual(counts))
            return shared;
        shared = new SharedDerivations(data, counts);
        Table.AddOrUpdate(data, shared);
        return shared;
    }

    /// <summary>The numbered accounts (<see cref="AccountDirectory.Build"/>).</summary>
    public AccountDirectory Accounts => accounts.Value;

    /// <summary>The subscription coverage with <paramref name="churnGraceDays"/> of grace (<see cref="SubscriptionCoverage.Build"/>).</summary>
    public SubscriptionCoverage Coverage(int churnGraceDays) =>
        coverage.GetOrAdd(churnGraceDays, grace => new Lazy<SubscriptionCoverage>(() =>
            NarrowedCoverage(grace) ?? SubscriptionCoverage.Build(Accounts, data.Subscriptions, grace))).Value;

    /// <summary>A segment's coverage from the whole data set's under the same grace, when that is built already (<see cref="SubscriptionCoverage.Narrow"/>).</summary>
    private SubscriptionCoverage? NarrowedCoverage(int grace)
    {
        if (Narrowed is not { } narrowing)
            return null;
        var whole = Of(narrowing.Whole);
        if (!whole.coverage.TryGetValue(grace, out var kept) || !kept.IsValueCreated)
            return null;
        var accountOf = InputKinds.Subscriptions.AccountIdOf!;
        var (_, wholeOffsets) = whole.Accounts.GroupByAccount(narrowing.Whole.Subscriptions, accountOf);
        var (_, offsets) = Accounts.GroupByAccount(data.Subscriptions, accountOf);
        return SubscriptionCoverage.Narrow(kept.Value, wholeOffsets, offsets, narrowing.WholeAccountOf);
    }

    /// <summary>The segmentation split by <paramref name="by"/> (cohorts from the coverage with <paramref name="churnGraceDays"/> of grace).</summary>
    public Segmentation Segments(SegmentBy by, int churnGraceDays) =>
        segmentations.GetOrAdd((by, churnGraceDays), key => new Lazy<Segmentation>(() =>
            Segmentation.Build(key.By, Accounts, Coverage(key.Grace).FirstPayingStart, data.Tasks.Select(t => (t.Owner, t.AccountId))))).Value;

    /// <summary>The value named <paramref name="key"/>, built by <paramref name="build"/> over the data set the first time (<see cref="DataSetDerivations"/>).</summary>
    public T Other<T>(string key, Func<TenureDataSet, T> build) where T : class =>
        others.GetOrAdd(key, _ => new Lazy<object>(() => build(data))).Value as T
        ?? throw new InvalidOperationException($"The derivation '{key}' was kept with another type than {typeof(T).Name}.");

    private static int[] CountsOf(TenureDataSet data)
    {
        var counts = new int[InputKinds.All.Count + 1];
        for (var k = 0; k < InputKinds.All.Count; k++)
            counts[k] = InputKinds.All[k].CountIn(data);
        counts[^1] = data.SurveySends?.Count ?? -1;
        return counts;
    }
}

/// <summary>A segment's data set as a part of <paramref name="Whole"/>: <paramref name="WholeAccountOf"/>[a] is account a's number in the whole's directory.</summary>
internal sealed record Narrowing(TenureDataSet Whole, int[] WholeAccountOf);

/// <summary>
/// Values worked out from a whole data set that no request changes (the reporting currency, paying periods by account),
/// kept beside the engine's own shared derivations: built once per data set instance, on first use, and dropped with it.
/// A kept value is shared by every caller and must not be changed.
/// </summary>
public static class DataSetDerivations
{
    /// <summary>
    /// The value named <paramref name="key"/> of <paramref name="data"/>: <paramref name="build"/> over it the first time (once
    /// for concurrent callers), the kept value after. A key names one derivation everywhere (prefix it with its owner).
    /// </summary>
    public static T GetOrAdd<T>(TenureDataSet data, string key, Func<TenureDataSet, T> build) where T : class
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(build);
        return SharedDerivations.Of(data).Other(key, build);
    }
}
