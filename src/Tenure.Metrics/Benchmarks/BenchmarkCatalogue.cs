using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tenure.Metrics.Benchmarks;

/// <summary>
/// The benchmarks figures are compared with. <see cref="Default"/> holds the values of METRICS.md
/// "Benchmarks" as published in the sources, each with its source and year; <see cref="FromJson"/>
/// reads a replacement (the same shape as <see cref="ToJson"/> writes), so the benchmarks are data
/// a user can edit or replace, not code.
/// </summary>
public sealed class BenchmarkCatalogue
{
    private const string NetSuite = "NetSuite";
    private const string StatistaViaNetSuite = "Statista via NetSuite";
    private const string RetentlyViaNetSuite = "Retently via NetSuite";
    private const string DashClicks = "DashClicks";
    private const string MrrChurnSources = "SaaS MRR churn guidance (METRICS.md)";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public BenchmarkCatalogue(IReadOnlyList<Benchmark> benchmarks, IReadOnlyList<BenchmarkIndustry> industries)
    {
        ArgumentNullException.ThrowIfNull(benchmarks);
        ArgumentNullException.ThrowIfNull(industries);
        Benchmarks = benchmarks;
        Industries = industries;
    }

    public IReadOnlyList<Benchmark> Benchmarks { get; }

    /// <summary>The industries some benchmark is published for, for the industry picker.</summary>
    public IReadOnlyList<BenchmarkIndustry> Industries { get; }

    /// <summary>
    /// The benchmarks of <paramref name="metricId"/> that apply to <paramref name="industry"/>: every
    /// benchmark without an industry, then the one published for that industry (if any). Without an
    /// industry only the industry-independent ones.
    /// </summary>
    public IReadOnlyList<Benchmark> For(string metricId, string? industry) =>
        [.. Benchmarks.Where(b => b.MetricId == metricId && (b.Industry is null || (industry is not null && b.Industry == industry)))
            .OrderBy(b => b.Industry is null ? 0 : 1)];

    /// <summary>The industry with <paramref name="key"/>, or null when no benchmark is published for it.</summary>
    public BenchmarkIndustry? Industry(string? key) =>
        key is null ? null : Industries.FirstOrDefault(i => string.Equals(i.Key, key, StringComparison.OrdinalIgnoreCase));

    public string ToJson() => JsonSerializer.Serialize(new BenchmarkFile(Industries, Benchmarks), Json);

    /// <summary>Reads a benchmark file (the shape <see cref="ToJson"/> writes).</summary>
    /// <exception cref="JsonException">Not a benchmark file.</exception>
    public static BenchmarkCatalogue FromJson(string json)
    {
        var file = JsonSerializer.Deserialize<BenchmarkFile>(json, Json) ?? throw new JsonException("The benchmark file is empty.");
        return new BenchmarkCatalogue(file.Benchmarks ?? [], file.Industries ?? []);
    }

    private sealed record BenchmarkFile(IReadOnlyList<BenchmarkIndustry>? Industries, IReadOnlyList<Benchmark>? Benchmarks);

    /// <summary>METRICS.md "Benchmarks", as published in the sources.</summary>
    public static BenchmarkCatalogue Default { get; } = new(
    [
        new("churn-rate", "B2B aim", BenchmarkComparison.AtMost, 5m, NetSuite),
        new("churn-rate", "B2C aim", BenchmarkComparison.AtMost, 7m, NetSuite),
        new("churn-rate", "Cable", BenchmarkComparison.Typical, 28m, StatistaViaNetSuite, 2018, "cable", "Annual churn by industry."),
        new("churn-rate", "Retail", BenchmarkComparison.Typical, 27m, StatistaViaNetSuite, 2018, "retail", "Annual churn by industry."),
        new("churn-rate", "Financial", BenchmarkComparison.Typical, 25m, StatistaViaNetSuite, 2018, "financial", "Annual churn by industry."),
        new("churn-rate", "Online retail", BenchmarkComparison.Typical, 22m, StatistaViaNetSuite, 2018, "online-retail", "Annual churn by industry."),
        new("churn-rate", "Telecom", BenchmarkComparison.Typical, 21m, StatistaViaNetSuite, 2018, "telecom", "Annual churn by industry."),
        new("churn-rate", "Travel", BenchmarkComparison.Typical, 18m, StatistaViaNetSuite, 2018, "travel", "Annual churn by industry."),
        new("gross-mrr-churn-rate", "Best in class", BenchmarkComparison.Below, 1m, MrrChurnSources),
        new("gross-mrr-churn-rate", "Small and midsize", BenchmarkComparison.Below, 2.5m, MrrChurnSources),
        new("net-mrr-churn-rate", "Should be negative", BenchmarkComparison.Below, 0m, MrrChurnSources),
        new("nps", "Good", BenchmarkComparison.Above, 0m, DashClicks),
        new("nps", "Excellent", BenchmarkComparison.Above, 50m, DashClicks),
        new("nps", "Excellent (NetSuite)", BenchmarkComparison.AtLeast, 70m, NetSuite, Notes: "31-69 satisfied, 0-30 needs work; stated as % in the source."),
        new("nps", "Education", BenchmarkComparison.Typical, 71m, RetentlyViaNetSuite, 2020, "education"),
        new("nps", "Insurance", BenchmarkComparison.Typical, 70m, RetentlyViaNetSuite, 2020, "insurance"),
        new("nps", "Advertising and digital marketing", BenchmarkComparison.Typical, 61m, RetentlyViaNetSuite, 2020, "advertising"),
        new("nps", "Consulting", BenchmarkComparison.Typical, 51m, RetentlyViaNetSuite, 2020, "consulting"),
        new("nps", "Ecommerce", BenchmarkComparison.Typical, 48m, RetentlyViaNetSuite, 2020, "ecommerce"),
        new("nps", "Software and technology", BenchmarkComparison.Typical, 44m, RetentlyViaNetSuite, 2020, "software"),
        new("nps", "Construction", BenchmarkComparison.Typical, 43m, RetentlyViaNetSuite, 2020, "construction"),
        new("nps", "Financial services", BenchmarkComparison.Typical, 34m, RetentlyViaNetSuite, 2020, "financial"),
        new("nps", "SaaS", BenchmarkComparison.Typical, 30m, RetentlyViaNetSuite, 2020, "saas"),
        new("nps", "Transportation and logistics", BenchmarkComparison.Typical, 29m, RetentlyViaNetSuite, 2020, "transportation"),
        new("nps", "Healthcare", BenchmarkComparison.Typical, 27m, RetentlyViaNetSuite, 2020, "healthcare"),
    ],
    [
        new("advertising", "Advertising and digital marketing"),
        new("cable", "Cable"),
        new("construction", "Construction"),
        new("consulting", "Consulting"),
        new("ecommerce", "Ecommerce"),
        new("education", "Education"),
        new("financial", "Financial services"),
        new("healthcare", "Healthcare"),
        new("insurance", "Insurance"),
        new("online-retail", "Online retail"),
        new("retail", "Retail"),
        new("saas", "SaaS"),
        new("software", "Software and technology"),
        new("telecom", "Telecom"),
        new("transportation", "Transportation and logistics"),
        new("travel", "Travel"),
    ]);
}
