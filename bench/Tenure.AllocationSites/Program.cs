using System.Globalization;

using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

// Where a run's memory goes (issue #13): reads a trace that `dotnet-trace collect --profile gc-verbose` wrote of one
// `tenure` command (bench/allocation-sites.sh makes it) and prints
//   - the allocation sites: the runtime's allocation ticks (one about every 100 KB a thread allocates) summed by type and
//     by the first Tenure methods on the stack, largest first: the bytes are a sample, about right for anything over a few MB;
//   - every collection: when, which generation, why (AllocSmall: the gen0 budget; AllocLarge: the large object heap's
//     budget, which makes a background full collection) and the generations' sizes after it.
//
//   dotnet run -c Release --project bench/Tenure.AllocationSites -- TRACE.nettrace [--frames 2] [--top 40]
var trace = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal))
    ?? throw new ArgumentException("usage: Tenure.AllocationSites TRACE.nettrace [--frames N] [--top N]");
int frames = Option("--frames", 2);
int top = Option("--top", 40);

PrintCollections(trace);
PrintAllocationSites(trace, frames, top);

int Option(string name, int fallback)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static void PrintCollections(string trace)
{
    using var source = new EventPipeEventSource(trace);
    double? first = null;
    int count = 0, full = 0, ended = 0;
    Console.WriteLine("collections (ms from the first; gen2 = full):");
    source.Clr.GCStart += e =>
    {
        first ??= e.TimeStampRelativeMSec;
        count++;
        if (e.Depth == 2) full++;
        Console.WriteLine(FormattableString.Invariant($"  {e.TimeStampRelativeMSec - first,8:F0} ms  #{e.Count,-3} gen{e.Depth}  {e.Reason,-10} {e.Type}"));
    };
    source.Clr.GCStop += e => ended = e.Count;
    source.Clr.GCHeapStats += e => Console.WriteLine(FormattableString.Invariant(
        $"                 after #{ended}: gen0 {e.GenerationSize0 >> 20} MB, gen1 {e.GenerationSize1 >> 20}, gen2 {e.GenerationSize2 >> 20}, large {e.GenerationSize3 >> 20}, pinned {e.GenerationSize4 >> 20}"));
    source.Process();
    Console.WriteLine(FormattableString.Invariant($"  {count} collections, {full} full"));
}

static void PrintAllocationSites(string trace, int frames, int top)
{
    var etlx = TraceLog.CreateFromEventPipeDataFile(trace);
    using var log = new TraceLog(etlx);
    var bytes = new Dictionary<string, long>(StringComparer.Ordinal);
    long total = 0;
    foreach (var e in log.Events)
    {
        if (e is not GCAllocationTickTraceData tick)
            continue;
        total += tick.AllocationAmount64;
        var methods = new List<string>();
        for (var frame = e.CallStack(); frame is not null && methods.Count < frames; frame = frame.Caller)
        {
            var method = frame.CodeAddress.FullMethodName;
            if (method.Contains("Tenure.", StringComparison.Ordinal))
                methods.Add(method.Length > 120 ? method[..120] : method);
        }
        var site = $"{tick.TypeName}  <=  {string.Join("  <  ", methods)}";
        bytes[site] = bytes.GetValueOrDefault(site) + tick.AllocationAmount64;
    }
    Console.WriteLine(FormattableString.Invariant($"allocated (sampled): {total >> 20} MB; the largest sites, type <= first Tenure methods:"));
    foreach (var (site, amount) in bytes.OrderByDescending(p => p.Value).Take(top))
        Console.WriteLine(FormattableString.Invariant($"  {amount >> 20,6} MB  {site}"));
}
