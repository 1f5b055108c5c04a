using System.Runtime.CompilerServices;

namespace Tenure.Ingest.Tests;

/// <summary>docs/input-formats.md documents exactly the columns each kind's description has.</summary>
public class InputFormatsDocTests
{
    public static TheoryData<string> FileNames => [.. InputKinds.All.Select(k => k.FileName)];

    [Theory]
    [MemberData(nameof(FileNames))]
    public void InputFormats_EachKindsTable_ListsItsColumnsAndWhichAreRequired(string fileName)
    {
        var kind = InputKinds.OfFileName(fileName)!;
        var documented = DocumentedColumns(fileName);

        Assert.Equal(
            kind.Columns.Select(c => (c.Name, c.Required)).OrderBy(c => c.Name, StringComparer.Ordinal),
            documented.OrderBy(c => c.Name, StringComparer.Ordinal));
    }

    /// <summary>The rows of the column table under "## {fileName} —": (name, required) for each name in the first cell.</summary>
    private static List<(string Name, bool Required)> DocumentedColumns(string fileName)
    {
        var lines = File.ReadAllLines(Path.Combine(RepoRoot(), "docs", "input-formats.md"));
        int start = Array.FindIndex(lines, l => l.StartsWith($"## {fileName} ", StringComparison.Ordinal));
        Assert.True(start >= 0, $"docs/input-formats.md has no section for {fileName}");
        var columns = new List<(string, bool)>();
        for (int i = start + 1; i < lines.Length && !lines[i].StartsWith("## ", StringComparison.Ordinal); i++)
        {
            var cells = lines[i].Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length < 5 || cells[1] is "column" || cells[1].StartsWith("---", StringComparison.Ordinal))
                continue;
            foreach (var name in cells[1].Split(',', StringSplitOptions.TrimEntries))
                columns.Add((name, cells[3] == "yes"));
        }
        return columns;
    }

    private static string RepoRoot([CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", ".."));
}
