using System.Runtime.CompilerServices;

namespace Tenure.Metrics.Tests;

/// <summary>Paths of the repository and of the shared data sets beside it (absent on a user's clone).</summary>
internal static class RepoPaths
{
    public static string Root([CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", ".."));

    /// <summary>../shared/data/<paramref name="name"/> beside the repository, or null when it is not there.</summary>
    public static string? SharedData(string name)
    {
        var path = Path.GetFullPath(Path.Combine(Root(), "..", "shared", "data", name));
        return Directory.Exists(path) ? path : null;
    }
}
