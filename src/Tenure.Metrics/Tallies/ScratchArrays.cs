using System.Buffers;

namespace Tenure.Metrics.Tallies;

/// <summary>
/// Pools of the arrays a computation needs for one call only (a merge's scratch, a cell per ticket, a flag per row: ADR
/// 0400), rented and given back instead of made each time, so a server's next view writes to memory touched before.
/// Bounded, unlike <see cref="ArrayPool{T}.Shared"/>, which may keep an array of each size on every thread that gave one
/// back and several per core: on a server with many threads, that could be hundreds of MB of large arrays. Here at most
/// <see cref="PerSize"/> arrays of each power-of-two length up to <see cref="MaxLength"/> are kept (about 32 MB of
/// longs at most, in practice the few sizes a tenant's views use); a longer array is made and dropped as before.
/// </summary>
internal static class ScratchArrays
{
    /// <summary>The longest array kept (a million elements: a whole tenant's tickets on the 100,000-account set are half that).</summary>
    public const int MaxLength = 1 << 20;

    /// <summary>Arrays kept per length: as many as computations run at once on a two-core server (ADR 0355).</summary>
    public const int PerSize = 2;

    /// <summary>Durations' ticks (<see cref="DurationSample"/>).</summary>
    public static readonly ArrayPool<long> Longs = ArrayPool<long>.Create(MaxLength, PerSize);

    public static readonly ArrayPool<int> Ints = ArrayPool<int>.Create(MaxLength, PerSize);

    /// <summary>Flags per row: twice as long (a tenant's subscription periods or invoices), a byte each.</summary>
    public static readonly ArrayPool<bool> Flags = ArrayPool<bool>.Create(2 * MaxLength, PerSize);
}
