using Tenure.Metrics.Catalogue;

namespace Tenure.Metrics.Tests;

/// <summary>Tenure.Metrics is the pure domain: it depends on nothing but the base library.</summary>
public class ArchitectureTests
{
    [Fact]
    public void MetricsAssembly_ReferencesOnlyTheBaseLibrary()
    {
        var references = typeof(MetricCatalogue).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.All(references, name => Assert.True(
            name.StartsWith("System", StringComparison.Ordinal) || name == "netstandard" || name == "mscorlib",
            $"Tenure.Metrics must not reference {name} (no EF Core, no ASP.NET, no I/O libraries)."));
    }

    [Fact]
    public void Catalogue_IdsAreUniqueAndKebabCase()
    {
        var ids = MetricCatalogue.All.Select(d => d.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", id));
    }

    [Fact]
    public void Catalogue_EveryRatioMetricCanBeCalculatedFromTotals()
    {
        Assert.All(MetricCatalogue.All.Where(d => d.IsRatio), d =>
        {
            Assert.NotNull(d.Calculate);
            Assert.NotEmpty(d.CalcInputs);
        });
    }
}
