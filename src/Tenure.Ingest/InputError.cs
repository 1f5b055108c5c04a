namespace Tenure.Ingest;

/// <summary>
/// A rule an input file broke. <see cref="File"/> is the file name (subscriptions.csv);
/// <see cref="Line"/> is the physical line the offending row starts on (the header is line 1;
/// 0 means the file as a whole, e.g. an unknown file name); <see cref="Column"/> is the column as
/// DESIGN.md names it, or null when the error is not about one column.
/// </summary>
public sealed record InputError(string File, int Line, string? Column, string Message)
{
    /// <summary>For rows posted as a JSON array: the 0-based index of the record at fault (then <see cref="Line"/> is 0); null otherwise.</summary>
    public int? Record { get; init; }

    /// <summary>"file:line: column: message", or "file:line: message" without a column.</summary>
    public override string ToString()
    {
        var where = Record is { } record ? $"{File}: record {record}" : $"{File}:{Line}";
        return Column is null ? $"{where}: {Message}" : $"{where}: {Column}: {Message}";
    }
}
