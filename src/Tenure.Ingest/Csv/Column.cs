namespace Tenure.Ingest.Csv;

/// <summary>
/// A column of an input file as DESIGN.md names it. A required column must be in the header and
/// have a value on every row; an optional one may be absent or blank.
/// </summary>
internal readonly record struct Column(string Name, bool Required = false)
{
    public static Column Key(string name) => new(name, Required: true);
}
