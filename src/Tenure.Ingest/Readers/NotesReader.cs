using Tenure.Ingest.Csv;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Readers;

/// <summary>
/// notes.csv: qualitative feedback that is not a survey, keyed by note_id. account_id is optional
/// but must be known when given; source is free text (usually interview, customer_day, review, call).
/// </summary>
internal static class NotesReader
{
    // Positions in the description's columns (InputKinds.Notes).
    private const int NoteId = 0, AccountId = 1, Date = 2, Source = 3, Text = 4;

    private static readonly ColumnSet Columns = new(InputKinds.Notes);

    public static CsvReadResult<Note> Read(CsvText csv, string fileName, AccountIndex? accounts, ReadOptions options)
    {
        var errors = new ErrorLog(fileName, options.MaxErrorsPerFile);
        var notes = new RowBuffer<Note>(options.ExpectedRows);
        using var rows = csv.Open(Columns, errors);
        if (rows is null)
            return errors.Result(notes);

        var accountRefs = new AccountRefs(accounts);
        var sources = new StringPool();
        var keys = new IdFirstLines(options.ExpectedRows);
        while (rows.Read())
        {
            string noteId = rows.RequiredText(NoteId);
            var date = rows.RequiredInstant(Date);
            var accountId = rows.OptionalAccount(AccountId, accountRefs);
            var source = rows.OptionalText(Source, sources);
            var text = rows.OptionalText(Text);
            if (noteId.Length > 0 && !keys.TryAdd(noteId, rows.Line, out int firstLine))
                rows.Duplicate(NoteId, $"note_id '{noteId}'", firstLine);

            if (rows.RowHasErrors)
                continue;
            notes.Add(new Note(noteId, accountId, date, source, text));
        }
        return errors.Result(notes);
    }
}
