using System.Runtime;

namespace Tenure.Cli.Commands;

/// <summary>
/// A stretch of a `--data` command in which the collector does not run (docs/adr/0340): <see cref="GC.TryStartNoGCRegion(long, bool)"/>
/// over the read of the input files and over the metrics' compute. A read keeps nearly everything it allocates, and the
/// arrays it makes are large: each time they outgrow the large object heap's budget (about a quarter of what survived the
/// last collection) the collector starts a full background collection that marks the whole growing heap, ten of them in
/// a read of the peer's 100,000 accounts on two cores. Without them the read and the compute took a sixth to a quarter less time;
/// one non-compacting full collection between the two (<see cref="DataLoading.CollectAfterRead"/>) frees the read's garbage
/// so the peak stays where it was. Only a request to the runtime: when the size asked for is refused (or could only be had
/// by a full blocking collection), the command runs with the collector as usual; when the stretch allocates more, the
/// runtime collects and the region ends by itself. TENURE_GC_REGIONS=0 (or false) turns it off.
/// </summary>
internal sealed class NoCollectionRegion : IDisposable
{
    /// <summary>How much a read may allocate without a collection, per byte of its input files (the readers allocated 1.6-1.9).</summary>
    public const double ReadFactor = 2.5;

    /// <summary>How much the compute after it may allocate, per byte of the input files (every metric by csm: about 1).</summary>
    public const double ComputeFactor = 1.0;

    private static readonly NoCollectionRegion None = new(started: false);

    private NoCollectionRegion(bool started) => Started = started;

    /// <summary>Whether the runtime granted the region (it may have ended since, by a collection).</summary>
    public bool Started { get; }

    /// <summary>
    /// The bytes to ask for: <paramref name="factor"/> times <paramref name="inputBytes"/>, or 0 (no region) when that is over a
    /// quarter of the memory the process may use (<paramref name="availableBytes"/>: the machine's or DOTNET_GCHeapHardLimit),
    /// where the garbage left uncollected would crowd the rows out; inputs that large are read in stages anyway (ADR 0330).
    /// </summary>
    public static long SizeFor(long inputBytes, double factor, long availableBytes)
    {
        if (inputBytes <= 0 || availableBytes <= 0)
            return 0;
        var size = inputBytes * factor;
        return size <= availableBytes / 4.0 ? (long)size : 0;
    }

    /// <summary>A region of <paramref name="bytes"/> (none for 0, when switched off, or when the runtime refuses the size).</summary>
    public static NoCollectionRegion Start(long bytes)
    {
        if (bytes <= 0 || Environment.GetEnvironmentVariable("TENURE_GC_REGIONS") is "0" or "false" or "False")
            return None;
        try
        {
            // Without the full blocking collection the runtime otherwise runs first when the room is not there: the
            // compute's region starts right after DataLoading.CollectAfterRead collected the read's garbage, and that second
            // collection of the whole heap took 0.1-0.3 s of one core over the rows of a few files (ADR 0430).
            return GC.TryStartNoGCRegion(bytes, disallowFullBlockingGC: true) ? new NoCollectionRegion(started: true) : None;
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException)
        {
            return None; // more than the runtime allows at once, or a region already in effect: the usual collector
        }
    }

    /// <summary>Ends the region when it is still in effect; one the runtime ended (it collected) is left as it is.</summary>
    public void Dispose()
    {
        if (!Started || GCSettings.LatencyMode != GCLatencyMode.NoGCRegion)
            return;
        try
        {
            GC.EndNoGCRegion();
        }
        catch (InvalidOperationException)
        {
            // The region ended between the check and the call (a collection it could not avoid): nothing to end.
        }
    }
}
