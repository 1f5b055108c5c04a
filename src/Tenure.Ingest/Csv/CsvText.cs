namespace Tenure.Ingest.Csv;

/// <summary>
/// The text a reader opens its rows on (<see cref="Open"/>): a file, or a chunk of one, with its header (the general parser),
/// or the lines of a chunk known to hold no quote after a header given apart (split by hand, ADR 0505), which can give up
/// (<see cref="GaveUp"/>) and is then read again as the former.
/// </summary>
internal sealed class CsvText
{
    private readonly TextReader reader;
    private readonly string? quoteFreeHeader;
    private CsvRows? opened;

    private CsvText(TextReader reader, string? quoteFreeHeader)
    {
        this.reader = reader;
        this.quoteFreeHeader = quoteFreeHeader;
    }

    /// <summary>Text with its header, read by the general parser.</summary>
    public static CsvText Of(TextReader reader) => new(reader, null);

    /// <summary>The lines after <paramref name="header"/> (its text, with its line break) of text that holds no quote.</summary>
    public static CsvText QuoteFree(string header, TextReader lines) => new(lines, header);

    /// <summary>Whether the rows opened on quote-free text stopped at a line they do not split by hand: what was read from them is to be dropped, and the text read again.</summary>
    public bool GaveUp => opened is { GaveUp: true };

    /// <summary>The rows of the text (<see cref="CsvRows.Open(TextReader, ColumnSet, ErrorLog, int)"/>, <see cref="CsvRows.OpenQuoteFree"/>); opened once.</summary>
    public CsvRows? Open(ColumnSet columns, ErrorLog errors, int linesBefore = 0)
    {
        if (opened is not null)
            throw new InvalidOperationException("The text's rows were opened already.");
        return opened = quoteFreeHeader is null
            ? CsvRows.Open(reader, columns, errors, linesBefore)
            : CsvRows.OpenQuoteFree(quoteFreeHeader, reader, columns, errors, linesBefore);
    }
}
