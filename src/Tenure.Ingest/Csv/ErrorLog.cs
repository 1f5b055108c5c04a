namespace Tenure.Ingest.Csv;

/// <summary>
/// The errors of one file, up to a limit. The first error past the limit is replaced by a single
/// "too many errors" line and <see cref="IsFull"/> turns true, which stops the reader. Each error
/// is also passed on to <paramref name="sink"/> as it is found, for readers that stream rows.
/// </summary>
internal sealed class ErrorLog(string fileName, int maxErrors, ICollection<InputError>? sink = null)
{
    private readonly List<InputError> _errors = [];

    public string FileName { get; } = fileName;

    public bool IsFull { get; private set; }

    public int Count => _errors.Count;

    public IReadOnlyList<InputError> Errors => _errors;

    public void Add(int line, string? column, string message)
    {
        if (IsFull)
            return;
        if (_errors.Count == maxErrors)
        {
            Append(new InputError(FileName, line, null, $"too many errors; stopped reading after {maxErrors}"));
            IsFull = true;
            return;
        }
        Append(new InputError(FileName, line, column, message));
    }

    /// <summary>The rows when the file had no errors, otherwise no rows and the errors (all or nothing).</summary>
    /// <remarks>
    /// The rows come back as an array of exactly them (the buffer's own when the file held as many as its lines said,
    /// ADR 0360): the engine groups an array already in account order (a file sorted by account, as the demo's are)
    /// without a copy of its own (ADR 0320).
    /// </remarks>
    public CsvReadResult<T> Result<T>(RowBuffer<T> rows) =>
        _errors.Count > 0 ? new CsvReadResult<T>([], _errors) : new CsvReadResult<T>(rows.ToArray(), []);

    /// <summary>The rows as they are (usage's rollup, a table of its own) when the file had no errors, otherwise no rows and the errors.</summary>
    public CsvReadResult<T> Result<T>(IReadOnlyList<T> rows) =>
        _errors.Count > 0 ? new CsvReadResult<T>([], _errors) : new CsvReadResult<T>(rows, []);

    private void Append(InputError error)
    {
        _errors.Add(error);
        sink?.Add(error);
    }
}
