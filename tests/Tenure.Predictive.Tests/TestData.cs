namespace Tenure.Predictive.Tests;

/// <summary>Paths of the data sets copied under data/ (each with its SOURCE.md).</summary>
internal static class TestData
{
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([AppContext.BaseDirectory, "data", .. parts]);

    public static string CdnowSample => Path("cdnow", "CDNOW_sample.txt");

    public static string TelcoChurn => Path("telco-churn", "Telco-Customer-Churn.csv");

    public static string Survivors => Path("retention-sbg", "survivors.csv");

    /// <summary>A fresh temporary directory for a test's files.</summary>
    public static string TempDirectory()
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tenure-pred-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
