using System.Runtime.CompilerServices;

using Tenure.Ingest.Importers;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Periods;

namespace Tenure.Ingest.Tests.Importers;

/// <summary>The hand-made export samples in tests/data/importers and what the metric engine makes of them.</summary>
internal static class ImportSamples
{
    public static readonly DateTime June = new(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime July = new(2025, 7, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The accounts Stripe's sample customers become, as if stored by an earlier import.</summary>
    public static readonly IReadOnlyList<Account> StoredAccounts =
    [
        new("cus_A", "Acme Ltd", new DateTime(2025, 1, 10, 9, 0, 0, DateTimeKind.Utc), Currency: "USD"),
        new("cus_B", "Beta GmbH", new DateTime(2025, 2, 1, 12, 0, 0, DateTimeKind.Utc), Currency: "USD"),
    ];

    public static string SampleDirectory(string system, [CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", "..", "data", "importers", system));

    public static string SampleFile(string system, string name) => Path.Combine(SampleDirectory(system), name);

    public static TenureDataSet Read(ExportSystem system, IReadOnlyList<Account>? stored = null, params string[] paths)
    {
        var read = ExportImporter.Read(system, paths, new ImportOptions { KnownAccounts = stored ?? [] });
        Assert.True(read.IsValid, string.Join(Environment.NewLine, read.Errors));
        return read.DataSet!;
    }

    public static IReadOnlyList<InputError> Errors(ExportSystem system, IReadOnlyList<Account>? stored = null, params string[] paths)
    {
        var read = ExportImporter.Read(system, paths, new ImportOptions { KnownAccounts = stored ?? [] });
        Assert.False(read.IsValid);
        Assert.Null(read.DataSet);
        return read.Errors;
    }

    /// <summary>June 2025's value of each metric, for the whole data set.</summary>
    public static Dictionary<string, decimal?> JuneFigures(TenureDataSet data, params string[] metrics) =>
        MetricEngine.Compute(data, new MetricRequest(June, July, Granularity.Month, SegmentBy.None, metrics))
            .ToDictionary(r => r.Metric, r => r.Value.Value);

    /// <summary>A copy of a sample directory's files in a temporary directory, with one file's text changed.</summary>
    public static TempDirectory CopyWith(string system, string fileName, Func<string, string> change)
    {
        var copy = new TempDirectory();
        foreach (var file in Directory.EnumerateFiles(SampleDirectory(system)).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            File.WriteAllText(Path.Combine(copy.Path, Path.GetFileName(file)), Path.GetFileName(file) == fileName ? change(text) : text);
        }
        return copy;
    }
}
