using BenchmarkDotNet.Attributes;

using Tenure.Metrics.Accounts;
using Tenure.Metrics.Health;
using Tenure.Metrics.Inputs;
using Tenure.Web.Dashboards;
using Tenure.Web.Settings;

namespace Tenure.Benchmarks.Web;

/// <summary>
/// The accounts list's first page under a new filter, as the server makes it (issue #13 item 3): the peer's 100,000
/// accounts (<see cref="Metrics.PeerDataSet"/>), their summaries and health today made once (the server caches both per
/// day), then per operation the list built: every account matched, the matches sorted, one page of 50 kept.
/// </summary>
[MemoryDiagnoser]
public class AccountsListBenchmarks
{
    private static readonly DateTime Today = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    private TenureDataSet data = null!;
    private IReadOnlyList<AccountSummary> summaries = null!;
    private HealthBoard health = null!;
    private IReadOnlyDictionary<string, IReadOnlyList<string>> choices = null!;

    /// <summary>The query string of the list (no filter: every account; TENURE_BENCH_LISTS, separated by spaces, replaces these).</summary>
    [ParamsSource(nameof(Lists))]
    public string List { get; set; } = "";

    public static IEnumerable<string> Lists =>
        Environment.GetEnvironmentVariable("TENURE_BENCH_LISTS") is { Length: > 0 } lists
            ? lists.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : ["csm=*", "csm=*&plan=basic", "csm=*&sort=-mrr", "csm=*&sort=band&page=3", "csm=*&region=emea&segment=smb"];

    [GlobalSetup]
    public void Setup()
    {
        data = Metrics.PeerDataSet.Read();
        summaries = AccountsList.Summaries(AccountBook.Of(data), Today);
        health = new HealthBoard(Today, WorkspaceHealthModel.Default, HealthScores.At(HealthData.Of(data), HealthModel.Default, Today));
        choices = AccountsList.Choices(data);
    }

    [Benchmark]
    public int FirstPage()
    {
        var parts = List.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        var query = AccountsQuery.Parse(parts.GetValueOrDefault, defaultCsm: null);
        return AccountsList.Build(data, summaries, query, Today, choices, health: health).Total;
    }
}
