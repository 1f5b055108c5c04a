using System.Diagnostics;

using Tenure.Demo.Csv;
using Tenure.Metrics.Inputs;

namespace Tenure.Demo;

/// <summary>Row counts of a written demo data set, per file name (accounts.csv, ...), in DESIGN.md order.</summary>
public sealed record DemoWriteSummary(string Directory, IReadOnlyList<(string FileName, long Rows)> Files, TimeSpan Elapsed)
{
    public long TotalRows => Files.Sum(f => f.Rows);

    public long RowsOf(string fileName) => Files.First(f => f.FileName == fileName).Rows;
}

/// <summary>
/// Writes a demo data set as the 14 CSV files of DESIGN.md (accounts.csv ... notes.csv), with a
/// header row of exactly the documented column names. Streams: one account's records at a time
/// go straight to the files, so memory stays flat however many accounts are generated.
/// </summary>
public static class DemoCsvWriter
{
    /// <summary>The header of each file: its kind's columns (<see cref="InputKinds"/>), exactly as docs/input-formats.md names and orders them.</summary>
    public static IReadOnlyList<string> Columns(InputKind kind) => [.. InputKinds.Of(kind).Columns.Select(c => c.Name)];

    /// <summary>The kinds the writer has rows for (every kind; a test checks it against <see cref="InputKinds.All"/>).</summary>
    public static IEnumerable<KindDescription> Kinds => DemoRows.Parts.Select(p => p.Kind);

    /// <summary>
    /// Generates the data set of <paramref name="options"/> into <paramref name="directory"/>
    /// (created when missing; existing files of the same names are replaced).
    /// </summary>
    /// <param name="options">What to generate.</param>
    /// <param name="directory">Where the 14 files go.</param>
    /// <param name="progress">Told the number of accounts done, about a hundred times over the run.</param>
    public static DemoWriteSummary Write(DemoOptions options, string directory, IProgress<int>? progress = null)
    {
        var generator = new DemoDataGenerator(options);
        Directory.CreateDirectory(directory);
        var clock = Stopwatch.StartNew();
        var parts = DemoRows.Parts;
        var writers = new CsvRowWriter[parts.Length];
        try
        {
            for (var k = 0; k < writers.Length; k++)
            {
                writers[k] = new CsvRowWriter(Path.Combine(directory, parts[k].Kind.FileName));
                writers[k].Header(Columns(parts[k].Kind.Kind));
            }
            foreach (var batch in generator.Batches(progress))
            {
                for (var k = 0; k < writers.Length; k++)
                    parts[k].Write(batch, writers[k]);
            }
        }
        finally
        {
            foreach (var writer in writers)
                writer?.Dispose();
        }
        return new DemoWriteSummary(
            directory,
            parts.Select((p, i) => (p.Kind.FileName, writers[i].Rows)).ToArray(),
            clock.Elapsed);
    }
}
