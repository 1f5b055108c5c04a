using Tenure.Cli.Commands;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Periods;

using static Tenure.Cli.Tests.CliRunner;

namespace Tenure.Cli.Tests;

/// <summary>
/// `tenure metrics --data` over files too large to hold at once reads and computes them in stages (ADR 0330): the results
/// are exactly those of reading everything at once, in the same order; anything else is left to the read at once.
/// </summary>
public sealed class StagedMetricsTests : IClassFixture<StagedMetricsTests.Demo>
{
    private readonly Demo demo;

    public StagedMetricsTests(Demo demo) => this.demo = demo;

    /// <summary>The demo's files for 60 accounts (every input kind), written once for the class.</summary>
    public sealed class Demo : IDisposable
    {
        private readonly TempDirectory directory = new();

        public Demo()
        {
            WriteDemo(directory.Path, 60);
        }

        public string Path => directory.Path;

        public void Dispose() => directory.Dispose();
    }

    private static MetricRequest Request(SegmentBy by = SegmentBy.None, IReadOnlyList<string>? metrics = null, MetricRequestLimits? limits = null) =>
        new(new DateTime(2024, 11, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), Granularity.Month, by,
            metrics ?? [], new MetricOptions(), limits ?? MetricRequestLimits.Cli);

    /// <summary>What `tenure metrics` computes reading everything at once.</summary>
    private static IReadOnlyList<MetricResult> AtOnce(string directory, MetricRequest request)
    {
        var data = DataLoading.ReadDirectory(new CliContext(TextWriter.Null, TextWriter.Null), directory, new Ingest.ReadOptions { Kinds = MetricsCommand.KindsFor(request) });
        return MetricEngine.Compute(data, request);
    }

    /// <summary>The results as `tenure metrics --format json` prints them (every figure, breakdowns included).</summary>
    private static string Json(IReadOnlyList<MetricResult> results)
    {
        var json = new StringWriter();
        Output.MetricsOutput.WriteJson(json, results);
        return json.ToString();
    }

    private static StagedRun? Staged(string directory, MetricRequest request, long budget, TextWriter? timings = null) =>
        StagedMetrics.TryCompute(directory, request, MetricsCommand.KindsFor(request), MetricsCommand.SharedKinds(request), budget, timings, CancellationToken.None);

    [Theory]
    // Every metric: the metrics of no bulky kind, usage with users, tickets, survey answers, tasks (shared when split).
    [InlineData(SegmentBy.None, 5)]
    [InlineData(SegmentBy.Csm, 4)]
    [InlineData(SegmentBy.Cohort, 4)]
    [InlineData(SegmentBy.Plan, 4)]
    public void Every_metric_in_stages_is_what_reading_everything_at_once_gives(SegmentBy by, int stages)
    {
        var request = Request(by);
        var timings = new StringWriter();

        var staged = Staged(demo.Path, request, budget: 1, timings);

        Assert.NotNull(staged);
        Assert.Equal(stages, staged.Stages);
        var atOnce = AtOnce(demo.Path, request);
        Assert.True(atOnce.Count > 0);
        Assert.Equal(Json(atOnce), Json(staged.Results));
        Assert.Contains($"stage {stages} of {stages}: read ", timings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Some_metrics_in_stages_come_back_in_the_requests_order()
    {
        var request = Request(SegmentBy.Csm, ["nps", "mrr", "tickets", "dau", "clv"]);

        var staged = Staged(demo.Path, request, budget: 1);

        Assert.NotNull(staged);
        Assert.Equal(4, staged.Stages); // mrr and clv; nps; tickets; dau
        Assert.Equal(Json(AtOnce(demo.Path, request)), Json(staged.Results));
        Assert.Equal(["nps", "mrr", "tickets", "dau", "clv"], staged.Results.Select(r => r.Metric).Distinct());
    }

    [Fact]
    public void Files_within_the_budget_are_read_at_once() =>
        Assert.Null(Staged(demo.Path, Request(), budget: long.MaxValue));

    [Fact]
    public void Without_accounts_csv_everything_is_read_at_once()
    {
        using var copy = new TempDirectory();
        foreach (var file in Directory.GetFiles(demo.Path, "*.csv").Where(f => Path.GetFileName(f) != "accounts.csv"))
            File.Copy(file, Path.Combine(copy.Path, Path.GetFileName(file)));

        Assert.Null(Staged(copy.Path, Request(), budget: 1));
    }

    /// <summary>A copy of the demo with <paramref name="broken"/> rows appended to their files.</summary>
    private TempDirectory Broken(params (string File, string Row)[] broken)
    {
        var copy = new TempDirectory();
        foreach (var file in Directory.GetFiles(demo.Path, "*.csv"))
            File.Copy(file, Path.Combine(copy.Path, Path.GetFileName(file)));
        foreach (var (file, row) in broken)
            File.AppendAllText(Path.Combine(copy.Path, file), row + "\n");
        return copy;
    }

    /// <summary>The errors reading everything at once reports, one a line.</summary>
    private static string[] ErrorsAtOnce(string directory, MetricRequest request) =>
        [.. Ingest.DataSetReader.ReadDirectory(directory, new Ingest.ReadOptions { Kinds = MetricsCommand.KindsFor(request) }).Errors.Select(e => e.ToString())];

    [Theory]
    // Stages in the catalogue's order: the first (subscriptions, invoices, ...), survey answers, tickets, users and usage,
    // tasks. Two later stages' files; a later stage's file read after one that comes after it at once (tickets, then users:
    // sorted back); a first stage's file and a later one's (invoices, then users, checked against accounts.csv read again).
    [InlineData("surveys.csv", "r-broken,nps,acc_000001,,11,0-10,,2025-01-01T00:00:00Z,", "tickets.csv", "t-broken,acc-unknown,not-a-date")]
    [InlineData("tickets.csv", "t-broken,acc-unknown,not-a-date", "users.csv", "usr-broken,acc-nobody,2025-01-01T00:00:00Z,")]
    [InlineData("invoices.csv", "inv-broken,acc_000001,2025-13-01,49,recurring,", "users.csv", "usr-broken,acc-nobody,2025-01-01T00:00:00Z,")]
    public void Files_with_errors_report_every_files_errors_as_reading_at_once(string firstFile, string firstRow, string secondFile, string secondRow)
    {
        using var copy = Broken((firstFile, firstRow), (secondFile, secondRow));
        var request = Request();

        var staged = Staged(copy.Path, request, budget: 1);

        Assert.NotNull(staged);
        Assert.Empty(staged.Results);
        var atOnce = ErrorsAtOnce(copy.Path, request);
        Assert.Contains(atOnce, e => e.StartsWith(firstFile, StringComparison.Ordinal));
        Assert.Contains(atOnce, e => e.StartsWith(secondFile, StringComparison.Ordinal));
        Assert.Equal(atOnce, staged.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void An_error_in_accounts_csv_leaves_the_errors_to_the_read_at_once()
    {
        using var copy = Broken(("accounts.csv", "acc_000001,Duplicate,2025-01-01T00:00:00Z,,,,,,,"), ("tickets.csv", "t-broken,acc-unknown,not-a-date"));

        Assert.Null(Staged(copy.Path, Request(), budget: 1));
        var run = RunTenure("metrics", "--data", copy.Path, "--from", "2024-11-01", "--to", "2026-11-01");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("accounts.csv", run.Error, StringComparison.Ordinal);
        Assert.Contains("tickets.csv", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_over_its_limit_is_refused_before_any_stage_as_at_once()
    {
        // 24 months x (all + csm segments) x 2 metrics is over 30 results.
        var request = Request(SegmentBy.Csm, ["mrr", "nps"], new MetricRequestLimits(1_000, 30));

        var staged = Assert.Throws<MetricLimitException>(() => Staged(demo.Path, request, budget: 1));

        var atOnce = Assert.Throws<MetricLimitException>(() => AtOnce(demo.Path, request));
        Assert.Equal(atOnce.Message, staged.Message);
    }

    /// <summary>
    /// The real process under a heap limit: the demo's 4,000 accounts (about 26 MB of files) are over a third of a 64 MB
    /// heap, so `tenure metrics` reads them in stages, says so with --timings, and prints the table reading them at once prints
    /// (money in the reporting currency, from the accounts and subscriptions every stage shares).
    /// </summary>
    [Fact]
    public async Task The_command_under_a_heap_limit_reads_in_stages_and_prints_the_same()
    {
        using var dir = new TempDirectory();
        WriteDemo(dir.Path, 4000);
        string[] metrics = ["metrics", "--data", dir.Path, "--from", "2024-11-01", "--to", "2026-11-01", "--format", "table"];
        var atOnce = RunTenure(metrics);
        Assert.True(atOnce.ExitCode == 0, atOnce.Error);

        var staged = await RunTenureProcessAsync(new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x4000000" }, [.. metrics, "--timings"]);

        Assert.True(staged.ExitCode == 0, staged.Error);
        Assert.Contains("read and computed in 2 stages", staged.Error, StringComparison.Ordinal);
        Assert.Equal(atOnce.Out, staged.Out);
    }

    [Theory]
    [InlineData(24L << 30, 8L << 30)] // the benchmark machine: 8 GiB of files a stage
    [InlineData(0x200000000L, 0x200000000L / 3)] // an 8 GiB heap limit
    [InlineData(0L, long.MaxValue)] // nothing known: no bound
    public void A_stage_reads_at_most_a_third_of_the_memory_available(long available, long budget) =>
        Assert.Equal(budget, StagedMetrics.Budget(available));
}
