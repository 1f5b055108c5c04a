namespace Tenure.Metrics.Benchmarks;

/// <summary>How a benchmark's <see cref="Benchmark.Value"/> reads: "aim at most 5 %", "excellent above 50".</summary>
public enum BenchmarkComparison
{
    /// <summary>The figure should be at most the value (churn: B2B aim &lt;= 5 %).</summary>
    AtMost,
    /// <summary>The figure should be below the value (MRR churn best in class &lt; 1 %).</summary>
    Below,
    /// <summary>The figure should be above the value (NPS &gt; 50 is excellent).</summary>
    Above,
    /// <summary>The figure should be at least the value (NPS 70+ is excellent).</summary>
    AtLeast,
    /// <summary>A published typical value to compare with (an industry's average churn or NPS).</summary>
    Typical,
}

/// <summary>
/// One published benchmark of METRICS.md "Benchmarks": the metric it applies to, what it says,
/// where it comes from and when. <see cref="Industry"/> is null for a benchmark that holds for any
/// industry (a band or an aim), or the industry key (<see cref="BenchmarkIndustry.Key"/>) it was published for.
/// </summary>
public sealed record Benchmark(
    string MetricId,
    string Label,
    BenchmarkComparison Comparison,
    decimal Value,
    string Source,
    int? Year = null,
    string? Industry = null,
    string? Notes = null)
{
    /// <summary>
    /// Whether <paramref name="figure"/> meets the benchmark: null for a <see cref="BenchmarkComparison.Typical"/>
    /// value (nothing to meet) or when there is no figure.
    /// </summary>
    public bool? IsMetBy(decimal? figure) => figure is not { } f ? null : Comparison switch
    {
        BenchmarkComparison.AtMost => f <= Value,
        BenchmarkComparison.Below => f < Value,
        BenchmarkComparison.Above => f > Value,
        BenchmarkComparison.AtLeast => f >= Value,
        _ => null,
    };

    /// <summary>The benchmark as a person reads it: "≤ 5", "&lt; 1", "&gt; 50", "≥ 70", "28".</summary>
    public string Threshold => Comparison switch
    {
        BenchmarkComparison.AtMost => "≤ ",
        BenchmarkComparison.Below => "< ",
        BenchmarkComparison.Above => "> ",
        BenchmarkComparison.AtLeast => "≥ ",
        _ => "",
    } + Value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>An industry benchmarks are published for: a stable key (query parameter, cookie) and its name.</summary>
public sealed record BenchmarkIndustry(string Key, string Name);
