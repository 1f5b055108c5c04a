namespace Tenure.Ingest.Importers;

/// <summary>
/// Where a mapped record came from: the physical line of a CSV export (header = line 1), or the
/// 0-based position of a record in a JSON export (then <see cref="Line"/> is 0), so an error about
/// the record names the file and the place the user can find it at.
/// </summary>
public readonly record struct ExportOrigin(string File, int Line, int? Record = null)
{
    /// <summary>An error at this place about <paramref name="column"/> (the export's own column or property name).</summary>
    public InputError Error(string? column, string message) => new(File, Line, column, message) { Record = Record };
}
