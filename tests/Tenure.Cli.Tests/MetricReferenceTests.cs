using Tenure.Cli.Output;

namespace Tenure.Cli.Tests;

public class MetricReferenceTests
{
    /// <summary>docs/metrics.md is generated from the catalogue; regenerate it with `tenure metrics list --format markdown > docs/metrics.md`.</summary>
    [Fact]
    public void DocsMetricsMd_MatchesTheCatalogue()
    {
        var path = Path.Combine(CliRunner.RepoRoot(), "docs", "metrics.md");
        Assert.True(File.Exists(path), "docs/metrics.md is missing");
        Assert.Equal(MetricReference.Markdown(), File.ReadAllText(path).Replace("\r\n", "\n"));
    }
}
