namespace Tenure.Benchmarks.Predictive;

/// <summary>The predictive test data sets (tests/Tenure.Predictive.Tests/data), found from the repository root.</summary>
internal static class PredictiveData
{
    public static string Path(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Tenure.slnx")))
                return System.IO.Path.Combine([dir.FullName, "tests", "Tenure.Predictive.Tests", "data", .. parts]);
        }
        // BenchmarkDotNet runs from a generated project under bin/; fall back to the working directory.
        return System.IO.Path.Combine([Directory.GetCurrentDirectory(), "tests", "Tenure.Predictive.Tests", "data", .. parts]);
    }
}
