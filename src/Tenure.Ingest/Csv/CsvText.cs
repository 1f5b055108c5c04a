namespace Tenure.Ingest.Csv;

/// <summary>
/// The text a reader opens its rows on (<see cref="Open"/>): a file, or a chunk of one, with its header (the general parser),
/// or the lines after a header given apart of a chunk or file likely to hold no quote (split by hand, ADR 0505), which can
/// give up (<see cref="GaveUp"/>) and is then read again as the former.
/// </summary>
internal sealed class CsvText : IDisposable
{
    private readonly TextReader reader;
    private readonly string? quoteFreeHeader;
    private readonly bool ownsReader;
    private CsvRows? opened;

    private CsvText(TextReader reader, string? quoteFreeHeader, bool ownsReader = false)
    {
        this.reader = reader;
        this.quoteFreeHeader = quoteFreeHeader;
        this.ownsReader = ownsReader;
    }

    /// <summary>Text with its header, read by the general parser.</summary>
    public static CsvText Of(TextReader reader) => new(reader, null);

    /// <summary><see cref="Of"/>: a reader's text, wherever a kind's reader is handed a <see cref="TextReader"/>.</summary>
    public static implicit operator CsvText(TextReader reader) => Of(reader);

    /// <summary>The lines after <paramref name="header"/> (its text, with its line break) of text that holds no quote.</summary>
    public static CsvText QuoteFree(string header, TextReader lines) => new(lines, header);

    /// <summary>
    /// <paramref name="header"/>, a file's first line with its line break, as the text <see cref="QuoteFree"/> takes:
    /// null when it is not UTF-8, holds a quote, or is not one line ended by <c>\n</c> or <c>\r\n</c> as the general parser
    /// reads it. A byte order mark the file starts with is taken off, as the general parser's reader takes it off.
    /// </summary>
    public static string? QuoteFreeHeader(ReadOnlySpan<byte> header)
    {
        string text;
        try
        {
            text = CsvInputReader.StrictUtf8.GetString(header.StartsWith("\uFEFF"u8) ? header[3..] : header);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return null;
        }
        var line = text.AsSpan();
        line = line.EndsWith("\r\n") ? line[..^2] : line.EndsWith('\n') ? line[..^1] : line;
        return line.ContainsAny('\r', '\n', '"') ? null : text;
    }

    /// <summary>
    /// The file at <paramref name="path"/> as <see cref="QuoteFree"/> text: its header, and a reader of the lines after it,
    /// closed with the text; null when its first 64 KB hold a quote, or its first line is not a <see cref="QuoteFreeHeader"/> or
    /// not within them (the general parser reads such a file, and reports what is wrong with its header).
    /// </summary>
    public static CsvText? OpenQuoteFree(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        try
        {
            var start = new byte[1 << 16];
            int read = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
            int lineEnd = start.AsSpan(0, read).IndexOf((byte)'\n');
            // A quote this early (a file of comments) would only make the lines be read twice.
            if (lineEnd >= 0 && !start.AsSpan(0, read).Contains((byte)'"') && QuoteFreeHeader(start.AsSpan(0, lineEnd + 1)) is { } header)
            {
                file.Seek(lineEnd + 1, SeekOrigin.Begin);
                return new CsvText(CsvInputReader.OpenLines(file), header, ownsReader: true);
            }
        }
        catch
        {
            file.Dispose();
            throw;
        }
        file.Dispose();
        return null;
    }

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

    /// <summary>Closes the file of <see cref="OpenQuoteFree"/>; a reader handed to <see cref="Of"/> or <see cref="QuoteFree"/> is its owner's.</summary>
    public void Dispose()
    {
        if (ownsReader)
            reader.Dispose();
    }
}
