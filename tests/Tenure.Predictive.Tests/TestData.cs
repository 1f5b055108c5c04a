namespace Tenure.Predictive.Tests;

/// <summary>Paths of the data sets copied under data/ (each with its SOURCE.md).</summary>
internal static class TestData
{
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([AppContext.BaseDirectory, "data", .. parts]);

    public static string CdnowSample => Path("cdnow", "CDNOW_sample.txt");

    public static string TelcoChurn => Path("telco-churn", "Telco-Customer-Churn.csv");

    public static string Survivors => Path("retention-sbg", "survivors.csv");

    /// <summary>The run's temporary directory, deleted with everything in it when the test process exits.</summary>
    private static readonly Lazy<string> RunDirectory = new(() =>
    {
        var dir = Directory.CreateTempSubdirectory("tenure-pred-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return dir;
    });

    /// <summary>A fresh temporary directory for a test's files (inside the run's, so none is left behind).</summary>
    public static string TempDirectory() =>
        Directory.CreateDirectory(System.IO.Path.Combine(RunDirectory.Value, Guid.NewGuid().ToString("N"))).FullName;
}
