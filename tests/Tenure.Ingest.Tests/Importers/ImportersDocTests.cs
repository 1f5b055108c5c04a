using System.Runtime.CompilerServices;

using Tenure.Ingest.Importers;

namespace Tenure.Ingest.Tests.Importers;

/// <summary>docs/importers.md lists every column each importer maps and every documented column it does not map.</summary>
public class ImportersDocTests
{
    private static string Doc([CallerFilePath] string file = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(file)!, "..", "..", "..", "docs", "importers.md"));

    [Fact]
    public void ImportersDoc_NamesEveryColumnOfEveryExport()
    {
        var doc = Doc().Replace("\n", " ", StringComparison.Ordinal);

        var missing = ExportImporter.Formats
            .SelectMany(f => f.Columns.Select(c => c.Name).Concat(f.NotMapped).Select(name => (f.Name, Column: name)))
            .Where(c => !doc.Contains($"`{c.Column}`", StringComparison.Ordinal))
            .ToList();

        Assert.True(missing.Count == 0, "docs/importers.md does not name: " + string.Join(", ", missing.Select(m => $"{m.Name}: {m.Column}")));
    }

    [Fact]
    public void ImportersDoc_NamesEverySystem()
    {
        var doc = Doc();

        Assert.All(ExportSystems.Names, name => Assert.Contains($"--from {name}", doc, StringComparison.Ordinal));
    }
}
