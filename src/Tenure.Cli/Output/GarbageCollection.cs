using System.Globalization;

namespace Tenure.Cli.Output;

/// <summary>The collector's share of a run, for <c>--timings</c>: a read keeps nearly every row it allocates, so collections find little to free.</summary>
internal static class GarbageCollection
{
    /// <summary>E.g. "GC: 19 collections (10 full), 0.265 s paused, 1,427 MB allocated".</summary>
    public static string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"GC: {GC.CollectionCount(0)} collections ({GC.CollectionCount(2)} full), {GC.GetTotalPauseDuration().TotalSeconds:0.000} s paused, {GC.GetTotalAllocatedBytes() >> 20:N0} MB allocated");
}
