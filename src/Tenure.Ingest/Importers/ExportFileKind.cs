namespace Tenure.Ingest.Importers;

/// <summary>
/// One kind of export file of a system and how it is recognised: by its extension and a word its
/// name holds (the name the system gives the download, e.g. "subscriptions" in Stripe's
/// subscriptions.csv); files are mapped in <see cref="Order"/> (accounts before what names them).
/// </summary>
internal sealed record ExportFileKind(string Name, string Extension, IReadOnlyList<string> NameHints, int Order, Action<ExportSource, MappedData> Map)
{
    public bool Matches(string fileName) =>
        fileName.EndsWith(Extension, StringComparison.OrdinalIgnoreCase)
        && (NameHints.Count == 0 || NameHints.Any(h => fileName.Contains(h, StringComparison.OrdinalIgnoreCase)));

    /// <summary>"subscriptions*.csv" for messages.</summary>
    public string Pattern => NameHints.Count == 0 ? $"*{Extension}" : string.Join(" or ", NameHints.Select(h => $"*{h}*{Extension}"));
}

/// <summary>An export file being read; errors name it by <see cref="FileName"/>.</summary>
internal sealed class ExportSource(string path)
{
    public string Path { get; } = path;

    public string FileName { get; } = System.IO.Path.GetFileName(path);

    /// <summary>The file as strict UTF-8 text (a byte order mark skipped).</summary>
    public TextReader OpenText() => CsvInputReader.OpenFile(Path);

    public byte[] ReadAllBytes() => File.ReadAllBytes(Path);
}
