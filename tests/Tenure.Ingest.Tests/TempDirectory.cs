namespace Tenure.Ingest.Tests;

/// <summary>A scratch directory of input files, deleted when disposed.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tenure-ingest-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes <paramref name="lines"/> (LF-terminated) to <paramref name="fileName"/> and returns its path.</summary>
    public string Write(string fileName, params string[] lines)
    {
        string path = System.IO.Path.Combine(Path, fileName);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
