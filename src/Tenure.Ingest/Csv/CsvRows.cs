using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

using Sylvan.Data.Csv;

using Tenure.Ingest.Fields;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Csv;

/// <summary>
/// A forward cursor over the rows of one CSV input file: maps the header to the reader's
/// columns (<see cref="ColumnSet"/>), tracks the physical line each row starts on, and turns fields into values,
/// logging an error naming file, line and column for each value that breaks a rule.
/// </summary>
/// <remarks>
/// The typed accessors never throw on bad input: they log the error, set <see cref="RowHasErrors"/>
/// and return a placeholder, so a reader checks every field of a row and then skips the row once.
/// Field values are trimmed of surrounding white space; a blank value counts as absent.
/// </remarks>
internal sealed class CsvRows : IDisposable
{
    private const int MaxShownChars = 40;
    private const string NotUtf8 = "the file is not valid UTF-8 text";

    private readonly CsvDataReader _csv;
    private readonly ColumnSet _columns;
    private readonly int[] _ordinals;
    private readonly ErrorLog _errors;
    private QuoteFreeRecords? _quoteFree; // the records after the header, when split by hand (OpenQuoteFree)
    private int _nextLine;
    private ulong _rowErrorColumns;

    private CsvRows(CsvDataReader csv, ColumnSet columns, int[] ordinals, ErrorLog errors, int firstDataLine)
    {
        _csv = csv;
        _columns = columns;
        _ordinals = ordinals;
        _errors = errors;
        _nextLine = firstDataLine;
    }

    /// <summary>The physical line (1-based; the header is line 1) the current row starts on.</summary>
    public int Line { get; private set; }

    /// <summary>Whether an error has been logged for the current row.</summary>
    public bool RowHasErrors => _rowErrorColumns != 0;

    /// <summary>Whether the whole file was read (not stopped by a malformed record or too many errors).</summary>
    public bool ReachedEnd { get; private set; }

    /// <summary>
    /// Reads the header. Returns null, with the errors logged at line 1, when the file is empty, the
    /// header is malformed, has more than <see cref="ColumnSet.MaxColumns"/> columns, names a column
    /// the kind does not have (with the closest known name when one is close), names a column twice,
    /// or lacks a required column. The cursor does not dispose <paramref name="reader"/>.
    /// </summary>
    /// <remarks>A chunk of a file (<see cref="FileChunks"/>) passes <paramref name="linesBefore"/>, the file's lines between its header and the chunk, so line numbers are the file's.</remarks>
    public static CsvRows? Open(TextReader reader, ColumnSet columns, ErrorLog errors, int linesBefore = 0)
    {
        CsvDataReader csv;
        try
        {
            int width = HeaderScan.Columns(reader, out var rest);
            if (rest is null)
            {
                errors.Add(1, null, string.Create(CultureInfo.InvariantCulture,
                    $"the header has {width:N0} columns; at most {ColumnSet.MaxColumns:N0} are allowed ({columns.Describes} has {columns.Count})"));
                return null;
            }
            csv = CsvDataReader.Create(rest, NewOptions());
        }
        catch (CsvMissingHeadersException)
        {
            errors.Add(1, null, $"the file is empty; expected a header row with {RequiredNames(columns)}");
            return null;
        }
        catch (CsvFormatException e)
        {
            errors.Add(1, null, $"malformed CSV header: {e.Message}");
            return null;
        }
        catch (DecoderFallbackException)
        {
            errors.Add(0, null, NotUtf8);
            return null;
        }

        var ordinals = new int[columns.Count];
        Array.Fill(ordinals, -1);
        int headerLines = 1;
        int errorsBefore = errors.Count;
        var lookup = columns.Lookup;
        HashSet<string>? unknown = null;
        for (int i = 0; i < csv.FieldCount && !errors.IsFull; i++)
        {
            string raw = csv.GetName(i);
            headerLines += raw.AsSpan().Count('\n');
            var name = raw.AsSpan().Trim().TrimStart('\uFEFF').Trim();
            if (lookup.TryGetValue(name, out int c))
            {
                if (ordinals[c] >= 0)
                    errors.Add(1, columns[c].Name, "column appears more than once in the header");
                else
                    ordinals[c] = i;
            }
            else if (!name.IsEmpty && columns.IsIgnored(name.ToString()))
            {
                continue;
            }
            else if (name.IsEmpty)
            {
                errors.Add(1, null, string.Create(CultureInfo.InvariantCulture,
                    $"column {i + 1} of the header has no name; name it as one of {KnownNames(columns)} or remove it"));
            }
            else if ((unknown ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase)).Add(name.ToString()))
            {
                // Reported once per name, however often it repeats.
                string shown = Shown(name);
                errors.Add(1, shown, columns.ClosestTo(name) is { } closest
                    ? $"unknown column '{shown}'; did you mean '{closest}'?"
                    : $"unknown column '{shown}'; {columns.Describes} has {KnownNames(columns)}");
            }
        }
        for (int c = 0; c < columns.Count; c++)
        {
            if (columns[c].Required && ordinals[c] < 0)
                errors.Add(1, columns[c].Name, "required column is missing");
        }

        if (errors.Count > errorsBefore)
        {
            csv.Dispose();
            return null;
        }
        return new CsvRows(csv, columns, ordinals, errors, headerLines + 1 + linesBefore);
    }

    /// <summary>
    /// <see cref="Open(TextReader, ColumnSet, ErrorLog, int)"/> for text likely to hold no quote (a chunk of a file
    /// <see cref="FileChunks"/> found none in, a file whose header holds none): the header is read from <paramref name="header"/> by the general parser, the
    /// records after it from <paramref name="lines"/> by <see cref="QuoteFreeRecords"/>, which gives up at anything it does
    /// not split as the general parser would (ADR 0505). <see cref="Read"/> then returns false and <see cref="GaveUp"/> is
    /// true: the caller reads the text again with <see cref="Open(TextReader, ColumnSet, ErrorLog, int)"/>, and drops what
    /// it took from these rows and the errors logged meanwhile.
    /// </summary>
    public static CsvRows? OpenQuoteFree(string header, TextReader lines, ColumnSet columns, ErrorLog errors, int linesBefore = 0)
    {
        var rows = Open(new StringReader(header), columns, errors, linesBefore);
        if (rows is not null)
            rows._quoteFree = new QuoteFreeRecords(lines, rows._csv.FieldCount);
        return rows;
    }

    /// <summary>Whether the rows of <see cref="OpenQuoteFree"/> stopped at text they do not split by hand (to be read again by the general parser).</summary>
    public bool GaveUp => _quoteFree is { GaveUp: true };

    /// <summary>
    /// Moves to the next non-blank row. Returns false at the end of the file, after a malformed
    /// record (logged; the rest of the file cannot be split into rows reliably), or once the error
    /// log is full.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Read()
    {
        if (_quoteFree is not null)
            return ReadQuoteFree();
        while (!_errors.IsFull)
        {
            Line = _nextLine;
            try
            {
                if (!_csv.Read())
                {
                    ReachedEnd = true;
                    return false;
                }
            }
            catch (CsvFormatException e)
            {
                _errors.Add(Line, null, $"malformed CSV: {e.Message}");
                return false;
            }
            catch (DecoderFallbackException)
            {
                // Text is decoded a buffer ahead of the rows, so the line is unknown.
                _errors.Add(0, null, NotUtf8);
                return false;
            }

            // A quoted field may hold line breaks, so a record can span several physical lines.
            _nextLine = Line + _csv.GetRawRecordSpan().Count('\n');
            if (_csv.RowFieldCount == 1 && _csv.GetFieldSpan(0).IsWhiteSpace())
                continue;
            _rowErrorColumns = 0;
            return true;
        }
        return false;
    }

    /// <summary><see cref="Read"/> of the records <see cref="QuoteFreeRecords"/> splits: each one a line.</summary>
    private bool ReadQuoteFree()
    {
        while (!_errors.IsFull)
        {
            Line = _nextLine;
            if (!_quoteFree!.Read())
            {
                ReachedEnd = !_quoteFree.GaveUp;
                return false;
            }
            _nextLine = Line + 1;
            if (_quoteFree.Blank)
                continue;
            _rowErrorColumns = 0;
            return true;
        }
        return false;
    }

    /// <summary>The trimmed field of <paramref name="column"/> in the current row; empty when blank or absent.</summary>
    public ReadOnlySpan<char> Span(int column)
    {
        int ordinal = _ordinals[column];
        if (ordinal < 0)
            return default;
        return (_quoteFree is null ? _csv.GetFieldSpan(ordinal) : _quoteFree.Field(ordinal)).Trim();
    }

    /// <summary>Where <paramref name="column"/> is among the header's fields (0 for the first), or -1 when the header lacks it.</summary>
    public int FieldOf(int column) => _ordinals[column];

    /// <summary>Whether the header has <paramref name="column"/>.</summary>
    public bool Has(int column) => _ordinals[column] >= 0;

    /// <summary>Logs an error on <paramref name="column"/> of the current row.</summary>
    public void Error(int column, string message)
    {
        _rowErrorColumns |= 1UL << column;
        _errors.Add(Line, _columns[column].Name, message);
    }

    /// <summary>Whether no error has been logged for <paramref name="column"/> in the current row, so cross-field rules can use its value.</summary>
    public bool Valid(int column) => (_rowErrorColumns & (1UL << column)) == 0;

    public string Name(int column) => _columns[column].Name;

    /// <summary>The required field as it is in the row (valid until the next row is read); empty when blank (error logged).</summary>
    public ReadOnlySpan<char> RequiredSpan(int column)
    {
        var s = Span(column);
        if (s.IsEmpty)
            Blank(column);
        return s;
    }

    /// <summary>
    /// A required id column (ticket_id, invoice_id, ...) made from its field: a numbered id is kept as its number, no string
    /// made (ADR 0365), and its line noted in <paramref name="keys"/>. <paramref name="repeatOf"/> is the line the id was
    /// first on when it was seen before, else 0 (lines start at 2). A blank id is logged and is <c>default</c>.
    /// </summary>
    public RowId RequiredRowId(int column, IdFirstLines keys, out int repeatOf)
    {
        repeatOf = 0;
        var field = RequiredSpan(column);
        if (field.IsEmpty)
            return default;
        if (!keys.TryAdd(field, Line, out int firstLine))
            repeatOf = firstLine;
        return RowId.Of(field);
    }

    public string RequiredText(int column, StringPool? pool = null)
    {
        var s = Span(column);
        if (s.IsEmpty)
        {
            Blank(column);
            return "";
        }
        return pool is null ? s.ToString() : pool.Intern(s);
    }

    /// <summary>The index in <paramref name="pool"/> of the required value, or -1 when blank (error logged).</summary>
    public int RequiredIndex(int column, StringPool pool)
    {
        var s = Span(column);
        if (!s.IsEmpty)
            return pool.Add(s);
        Blank(column);
        return -1;
    }

    public string? OptionalText(int column, StringPool? pool = null)
    {
        var s = Span(column);
        if (s.IsEmpty)
            return null;
        return pool is null ? s.ToString() : pool.Intern(s);
    }

    /// <summary>
    /// An e-mail address (<see cref="EmailAddress"/>'s rule), or null when blank or absent. With <paramref name="addresses"/>
    /// (a pool of this column's valid addresses only), an address seen before is that string, not checked again.
    /// </summary>
    public string? OptionalEmail(int column, StringPool? addresses = null)
    {
        var s = Span(column);
        if (s.IsEmpty)
            return null;
        if (addresses is not null && addresses.TryFind(s, out int seen))
            return addresses[seen];
        var address = s.ToString();
        if (EmailAddress.IsValid(address))
            return addresses is null ? address : addresses[addresses.Add(address)];
        Error(column, $"'{Shown(s)}' is not an e-mail address ({EmailAddress.Rule})");
        return null;
    }

    /// <summary>The account id of <paramref name="column"/>, which must be known to <paramref name="accounts"/>.</summary>
    public string RequiredAccount(int column, AccountRefs accounts)
    {
        var s = Span(column);
        if (s.IsEmpty)
        {
            Blank(column);
            return "";
        }
        return ResolveAccount(column, s, accounts);
    }

    public string? OptionalAccount(int column, AccountRefs accounts)
    {
        var s = Span(column);
        return s.IsEmpty ? null : ResolveAccount(column, s, accounts);
    }

    /// <summary>The index of the account in <paramref name="accounts"/>, or -1 (error logged).</summary>
    public int RequiredAccountIndex(int column, AccountRefs accounts)
    {
        var s = Span(column);
        if (s.IsEmpty)
        {
            Blank(column);
            return -1;
        }
        if (accounts.TryResolve(s, out int index))
            return index;
        UnknownAccount(column, s, accounts.Source);
        return -1;
    }

    public DateTime RequiredInstant(int column)
    {
        var s = Span(column);
        if (s.IsEmpty)
        {
            Blank(column);
            return default;
        }
        return ParseInstant(column, s);
    }

    /// <summary>An instant, or null when blank, absent or unparsable (error logged).</summary>
    public DateTime? OptionalInstant(int column)
    {
        var s = Span(column);
        if (s.IsEmpty)
            return null;
        var value = ParseInstant(column, s);
        return Valid(column) ? value : null;
    }

    /// <summary>A money amount or other quantity from 0 to <paramref name="maximum"/> (an <see cref="InputLimits"/> bound).</summary>
    public decimal RequiredAmount(int column, decimal maximum)
    {
        var s = Span(column);
        if (s.IsEmpty)
        {
            Blank(column);
            return 0m;
        }
        return ParseAmount(column, s, maximum);
    }

    /// <summary>A decimal from 0 to <paramref name="maximum"/>, or <paramref name="whenBlank"/> when the value is blank or the column absent.</summary>
    public decimal OptionalAmount(int column, decimal maximum, decimal whenBlank)
    {
        var s = Span(column);
        return s.IsEmpty ? whenBlank : ParseAmount(column, s, maximum);
    }

    /// <summary>A decimal from 0 to <paramref name="maximum"/>, or null when the value is blank or the column absent.</summary>
    public decimal? OptionalAmount(int column, decimal maximum)
    {
        var s = Span(column);
        return s.IsEmpty ? null : ParseAmount(column, s, maximum);
    }

    public int RequiredWholeNumber(int column)
    {
        var s = Span(column);
        if (s.IsEmpty)
        {
            Blank(column);
            return 0;
        }
        if (!InvariantNumber.TryParseInt(s, out int value))
            Error(column, $"'{Shown(s)}' is not a whole number");
        return value;
    }

    /// <summary>A non-negative whole number, or null when blank.</summary>
    public int? OptionalCount(int column)
    {
        var s = Span(column);
        if (s.IsEmpty)
            return null;
        if (!InvariantNumber.TryParseInt(s, out int value))
        {
            Error(column, $"'{Shown(s)}' is not a whole number");
            return null;
        }
        if (value < 0)
            Error(column, $"'{Shown(s)}' must not be negative");
        return value;
    }

    /// <summary>A boolean; blank or absent is false.</summary>
    public bool Flag(int column)
    {
        var s = Span(column);
        if (!Fields.Flag.TryParse(s, out bool value))
            Error(column, $"'{Shown(s)}' is not a boolean (true/false, yes/no, 1/0)");
        return value;
    }

    public T RequiredEnum<T>(int column, EnumNames<T> names) where T : struct, Enum
    {
        var s = Span(column);
        if (s.IsEmpty)
        {
            Blank(column);
            return default;
        }
        if (!names.TryParse(s, out T value))
            Error(column, $"'{Shown(s)}' is not one of {names.Expected}");
        return value;
    }

    /// <summary>
    /// Logs an error on <paramref name="laterColumn"/> when its instant lies before <paramref name="earlier"/>
    /// (equal is fine); skipped when either column already has an error.
    /// </summary>
    public void NotBefore(int laterColumn, DateTime? later, int earlierColumn, DateTime earlier)
    {
        if (later < earlier && Valid(laterColumn) && Valid(earlierColumn))
            Error(laterColumn, $"{Shown(Span(laterColumn))} is before {Name(earlierColumn)} {Shown(Span(earlierColumn))}");
    }

    /// <summary>Logs a duplicate-key error: "duplicate {key} (first on line {firstLine})".</summary>
    public void Duplicate(int column, string key, int firstLine) =>
        Error(column, $"duplicate {key} (first on line {firstLine})");

    /// <summary>A field value for a message, cut short when long.</summary>
    public static string Shown(ReadOnlySpan<char> s) =>
        s.Length <= MaxShownChars ? s.ToString() : string.Concat(s[..MaxShownChars], "...");

    public void Dispose() => _csv.Dispose();

    private static CsvDataReaderOptions NewOptions() => new()
    {
        HasHeaders = true,
        Delimiter = ',',
        Quote = '"',
        // '#' would otherwise start a comment line; input files have none.
        Comment = '\0',
        OwnsReader = false,
        BufferSize = 1 << 16,
        // A record must fit the buffer; long note texts may need it to grow.
        MaxBufferSize = 1 << 24,
    };

    private static string RequiredNames(ColumnSet columns) =>
        string.Join(", ", columns.Columns.Where(c => c.Required).Select(c => c.Name));

    private static string KnownNames(ColumnSet columns) =>
        string.Join(", ", columns.Columns.Select(c => c.Name));

    private void Blank(int column) => Error(column, "value is required");

    private string ResolveAccount(int column, ReadOnlySpan<char> s, AccountRefs accounts)
    {
        if (accounts.TryResolve(s, out int index))
            return accounts[index];
        UnknownAccount(column, s, accounts.Source);
        return "";
    }

    private void UnknownAccount(int column, ReadOnlySpan<char> s, string source) =>
        Error(column, $"unknown account '{Shown(s)}' (not in {source})");

    private DateTime ParseInstant(int column, ReadOnlySpan<char> s)
    {
        if (!IsoInstant.TryParse(s, out var value))
            Error(column, $"'{Shown(s)}' is not an ISO-8601 date or date-time");
        return value;
    }

    private decimal ParseAmount(int column, ReadOnlySpan<char> s, decimal maximum)
    {
        if (!InvariantNumber.TryParseDecimal(s, out decimal value))
        {
            // Too large for decimal, or written with an exponent (1e29): name the range when it is out of it.
            if (InvariantNumber.TryParseFloat(s, out double approximate) && Math.Abs(approximate) > (double)maximum)
                OutOfRange(column, s, maximum);
            else
                Error(column, $"'{Shown(s)}' is not a number (write 1234.50: a '.' decimal point, no thousands separators)");
            return 0m;
        }
        if (value < 0)
            Error(column, $"'{Shown(s)}' must not be negative");
        else if (value > maximum)
            OutOfRange(column, s, maximum);
        return value;
    }

    private void OutOfRange(int column, ReadOnlySpan<char> s, decimal maximum) =>
        Error(column, $"{Shown(s)} is outside the allowed range (at most {InputLimits.Shown(maximum)})");
}
