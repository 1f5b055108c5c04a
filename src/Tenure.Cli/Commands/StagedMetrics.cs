using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

using Tenure.Ingest;
using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

namespace Tenure.Cli.Commands;

/// <summary>
/// `tenure metrics --data` over input files too large to hold at once: read and computed in stages
/// (<see cref="MetricStages"/>, docs/adr/0330), the kinds every stage shares read once and each stage's own dropped
/// before the next is read. The results are those of reading everything at once, in the same order.
/// </summary>
internal static class StagedMetrics
{
    /// <summary>
    /// The bytes of input files a stage may read when the process may use <paramref name="availableBytes"/> (the machine's
    /// memory, or DOTNET_GCHeapHardLimit): a third of it, as the rows held and the computation over them take up to about
    /// 1.6 times their files' bytes at the peak (10.5 GB for the million-account demo's 6.7 GB). No bound when nothing is known.
    /// </summary>
    internal static long Budget(long availableBytes) => availableBytes > 0 ? availableBytes / 3 : long.MaxValue;

    /// <summary>
    /// The results of <paramref name="request"/> over <paramref name="directory"/>, read in stages of at most
    /// <paramref name="budget"/> bytes of files (<paramref name="kinds"/>: those the request reads; <paramref name="shared"/>: those
    /// every stage reads). Null when the request is better read at once, and nothing is held then: every file fits the
    /// budget, accounts.csv is absent (without it each stage could number other accounts), or accounts.csv has an error
    /// (the read of everything reports them all, as without stages). Other files' errors come back in
    /// <see cref="StagedRun.Errors"/>, every file's, as reading at once reports them, without holding every file at once.
    /// Each stage's files and times go to <paramref name="timings"/> when given.
    /// </summary>
    /// <exception cref="MetricLimitException">The whole request is over its <see cref="MetricRequest.Limits"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static StagedRun? TryCompute(string directory, MetricRequest request, InputKind kinds, InputKind shared, long budget, TextWriter? timings, CancellationToken cancellationToken)
    {
        var sizes = DataLoading.InputFileSizes(directory, kinds, out var repeated);
        if (repeated || !sizes.ContainsKey(InputKind.Accounts))
            return null;
        var ids = request.Metrics is { Count: > 0 } asked ? asked : [.. MetricCatalogue.All.Select(d => d.Id)];
        var stages = MetricStages.Plan(ids, shared, kind => sizes.GetValueOrDefault(kind), budget);
        if (stages.Count < 2)
            return null;

        var run = new Run(directory, request, ids, shared, sizes, stages.Count, timings, cancellationToken);
        var errors = new List<InputError>();
        if (run.First(stages[0], errors) is not { } first)
            return ErrorsOf(directory, stages, 1, shared, known: null, errors);
        var results = new List<IReadOnlyList<MetricResult>>(stages.Count) { first.Results };
        var known = AccountIndex.Of(first.Common.Accounts);
        for (var s = 1; s < stages.Count; s++)
        {
            if (run.Later(stages[s], s + 1, first.Common, known, errors) is not { } later)
                return ErrorsOf(directory, stages, s + 1, shared, known, errors);
            results.Add(later);
        }
        return new StagedRun(first.Common, MetricStages.Join(ids, results), stages.Count, []);
    }

    /// <summary>
    /// A staged read's errors (<paramref name="errors"/>, of the stages before <paramref name="next"/>) with those of every later
    /// stage's own files, each read on its own and dropped, in the order reading everything at once gives them (file by file,
    /// accounts.csv first); null when accounts.csv is among them, or is not known to be valid (the read at once then reports
    /// them, its account ids checked as it checks them).
    /// </summary>
    private static StagedRun? ErrorsOf(string directory, IReadOnlyList<MetricStage> stages, int next, InputKind shared, AccountIndex? known, List<InputError> errors)
    {
        if (errors.Any(e => InputKinds.OfFileName(e.File)?.Kind is not { } kind || kind == InputKind.Accounts))
            return null;
        if (known is null)
        {
            // The first stage's read failed in other files: accounts.csv alone, to check the later files' ids against.
            var accounts = DataSetReader.ReadDirectory(directory, new ReadOptions { Kinds = InputKind.Accounts });
            if (!accounts.IsValid || accounts.DataSet is not { } data)
                return null;
            known = AccountIndex.Of(data.Accounts);
        }
        for (var s = next; s < stages.Count; s++)
            errors.AddRange(DataSetReader.ReadDirectory(directory, new ReadOptions { Kinds = stages[s].Kinds & ~shared, KnownAccounts = known }).Errors);
        return new StagedRun(new TenureDataSet(), [], stages.Count, [.. errors.OrderBy(e => InputKinds.OfFileName(e.File) is { } kind ? InputKinds.IndexOf(kind.Kind) : -1)]);
    }

    /// <summary>
    /// One staged computation. Each stage is read and computed in a method of its own, so that no local of the caller keeps
    /// a stage's rows alive into the next.
    /// </summary>
    private sealed class Run(
        string directory, MetricRequest request, IReadOnlyList<string> ids, InputKind shared, Dictionary<InputKind, long> sizes, int count,
        TextWriter? timings, CancellationToken cancellationToken)
    {
        private readonly Stopwatch clock = new();

        /// <summary>
        /// The first stage's results and the shared kinds' rows, read with its own kinds (one read of them all keeps both
        /// cores busy); null when a file has an error.
        /// </summary>
        /// <exception cref="MetricLimitException">The whole request is over its <see cref="MetricRequest.Limits"/>.</exception>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public (TenureDataSet Common, IReadOnlyList<MetricResult> Results)? First(MetricStage stage, List<InputError> errors)
        {
            clock.Restart();
            if (Read(directory, stage.Kinds, known: null, errors) is not { } data)
                return null;
            if (request.Limits is { } limits)
            {
                // The whole request's results counted before any is computed, as read at once (every stage has the same segments).
                var context = new MetricContext(data, request with { Metrics = ids }, cancellationToken);
                if (limits.ResultsProblem(context.Periods.Count, context.Segments.ResultCount, ids.Count) is { } tooMany)
                    throw new MetricLimitException(tooMany);
            }
            return (Only(data, shared), Compute(data, stage, stage.Kinds, 1));
        }

        /// <summary>Stage <paramref name="number"/>'s results: its own kinds read beside <paramref name="common"/>; null when a file has an error.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public IReadOnlyList<MetricResult>? Later(MetricStage stage, int number, TenureDataSet common, AccountIndex known, List<InputError> errors)
        {
            clock.Restart();
            var own = stage.Kinds & ~shared;
            var data = common;
            if (own.HasAnyOf(sizes.Keys))
            {
                if (Read(directory, own, known, errors) is not { } part)
                    return null;
                data = Combined(common, part);
            }
            return Compute(data, stage, own, number);
        }

        /// <summary>The results of <paramref name="stage"/>'s metrics over <paramref name="data"/> (the files of <paramref name="files"/>, read since the clock started).</summary>
        private IReadOnlyList<MetricResult> Compute(TenureDataSet data, MetricStage stage, InputKind files, int number)
        {
            var read = clock.Elapsed;
            var results = MetricEngine.ComputeCancellable(data, request with { Metrics = stage.Metrics }, cancellationToken);
            timings?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"stage {number} of {count}: read {(files.HasAnyOf(sizes.Keys) ? Files(files, sizes) : "nothing more")} {read.TotalSeconds:0.000} s, computed {stage.Metrics.Count} metrics {(clock.Elapsed - read).TotalSeconds:0.000} s; heap {GC.GetTotalMemory(false) / 1e6:N0} MB"));
            return results;
        }
    }

    /// <summary>The file names of <paramref name="kinds"/> that are present (<paramref name="sizes"/>).</summary>
    private static string Files(InputKind kinds, Dictionary<InputKind, long> sizes) =>
        string.Join(", ", InputKinds.All.Where(k => (k.Kind & kinds) != 0 && sizes.ContainsKey(k.Kind)).Select(k => k.FileName));

    /// <summary><paramref name="kinds"/> of <paramref name="directory"/>, account ids checked against <paramref name="known"/>; null when a file has an error (added to <paramref name="errors"/>).</summary>
    private static TenureDataSet? Read(string directory, InputKind kinds, AccountIndex? known, List<InputError> errors)
    {
        var result = DataSetReader.ReadDirectory(directory, new ReadOptions { Kinds = kinds, KnownAccounts = known });
        if (!result.IsValid || result.DataSet is not { } data)
        {
            errors.AddRange(result.Errors);
            return null;
        }
        DataLoading.CollectAfterRead(readWithoutCollections: false);
        return data;
    }

    /// <summary>The rows of <paramref name="kinds"/> in <paramref name="data"/> alone.</summary>
    private static TenureDataSet Only(TenureDataSet data, InputKind kinds)
    {
        var only = new TenureDataSet();
        foreach (var kind in InputKinds.All)
        {
            if ((data.Present & kinds & kind.Kind) != 0)
                only = kind.CopyRows(only, data);
        }
        return only with { Present = data.Present & kinds };
    }

    /// <summary><paramref name="common"/> with the rows of every kind <paramref name="part"/> holds.</summary>
    private static TenureDataSet Combined(TenureDataSet common, TenureDataSet part)
    {
        var data = common;
        foreach (var kind in InputKinds.All)
        {
            if ((part.Present & kind.Kind) != 0)
                data = kind.CopyRows(data, part);
        }
        return data with { Present = common.Present | part.Present };
    }

    private static bool HasAnyOf(this InputKind kinds, IEnumerable<InputKind> present) => present.Any(k => (k & kinds) != 0);
}

/// <summary>
/// What <see cref="StagedMetrics.TryCompute"/> gave: the kinds every stage shared (read once), the results in the request's
/// order and how many stages; or, when files have errors, every file's errors as reading at once reports them (and no results).
/// </summary>
internal sealed record StagedRun(TenureDataSet Shared, IReadOnlyList<MetricResult> Results, int Stages, IReadOnlyList<InputError> Errors);
