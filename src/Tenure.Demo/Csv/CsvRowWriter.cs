using System.Buffers;
using System.Globalization;
using System.Text;

namespace Tenure.Demo.Csv;

/// <summary>
/// Writes one CSV file: UTF-8 without BOM, comma-separated, LF line ends, RFC 4180 quoting (a
/// field with a comma, quote or line break is quoted, quotes doubled), ISO-8601 dates
/// (<c>yyyy-MM-dd</c>) and UTC instants (<c>yyyy-MM-ddTHH:mm:ssZ</c>, whole seconds), invariant
/// numbers. Fields are formatted straight into a char buffer: no allocation per row.
/// </summary>
internal sealed class CsvRowWriter : IDisposable
{
    private static readonly SearchValues<char> NeedsQuoting = SearchValues.Create(",\"\r\n");

    private readonly StreamWriter writer;
    private char[] buffer = new char[1 << 16];
    private int length;
    private int fields;

    public CsvRowWriter(string path)
    {
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
    }

    /// <summary>Data rows written (the header row is not counted).</summary>
    public long Rows { get; private set; }

    public void Header(IReadOnlyList<string> columns)
    {
        foreach (var column in columns)
            Text(column);
        EndRow();
        Rows = 0;
    }

    public void Text(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            Field(0);
            return;
        }
        var value = text.AsSpan();
        if (value.IndexOfAny(NeedsQuoting) < 0)
        {
            value.CopyTo(Field(value.Length));
            length += value.Length;
            return;
        }
        var quotes = value.Count('"');
        var span = Field(value.Length + quotes + 2);
        var n = 0;
        span[n++] = '"';
        foreach (var c in value)
        {
            if (c == '"')
                span[n++] = '"';
            span[n++] = c;
        }
        span[n++] = '"';
        length += n;
    }

    public void Date(DateTime date)
    {
        var span = Field(10);
        WriteDate(span, date);
        length += 10;
    }

    public void Date(DateTime? date)
    {
        if (date is { } d)
            Date(d);
        else
            Field(0);
    }

    /// <summary>An instant as <c>yyyy-MM-ddTHH:mm:ssZ</c> (fractions of a second are dropped).</summary>
    public void Instant(DateTime instant)
    {
        var span = Field(20);
        WriteDate(span, instant);
        span[10] = 'T';
        Two(span, 11, instant.Hour);
        span[13] = ':';
        Two(span, 14, instant.Minute);
        span[16] = ':';
        Two(span, 17, instant.Second);
        span[19] = 'Z';
        length += 20;
    }

    public void Instant(DateTime? instant)
    {
        if (instant is { } i)
            Instant(i);
        else
            Field(0);
    }

    public void Number(decimal value)
    {
        var span = Field(32);
        value.TryFormat(span, out var n, default, CultureInfo.InvariantCulture);
        length += n;
    }

    public void Number(decimal? value)
    {
        if (value is { } v)
            Number(v);
        else
            Field(0);
    }

    public void Number(int value)
    {
        var span = Field(11);
        value.TryFormat(span, out var n, default, CultureInfo.InvariantCulture);
        length += n;
    }

    public void Number(int? value)
    {
        if (value is { } v)
            Number(v);
        else
            Field(0);
    }

    public void Flag(bool value) => Text(value ? "true" : "false");

    public void EndRow()
    {
        if (buffer.Length - length < 1)
            FlushBuffer();
        buffer[length++] = '\n';
        fields = 0;
        Rows++;
    }

    public void Dispose()
    {
        FlushBuffer();
        writer.Dispose();
    }

    /// <summary>Room for the separator and <paramref name="chars"/> characters; returns the span after the separator.</summary>
    private Span<char> Field(int chars)
    {
        var needed = chars + 2;
        if (buffer.Length - length < needed)
        {
            FlushBuffer();
            if (buffer.Length < needed)
                buffer = new char[needed * 2];
        }
        if (fields++ > 0)
            buffer[length++] = ',';
        return buffer.AsSpan(length);
    }

    private void FlushBuffer()
    {
        writer.Write(buffer, 0, length);
        length = 0;
    }

    private static void WriteDate(Span<char> span, DateTime date)
    {
        var year = date.Year;
        span[0] = (char)('0' + (year / 1000));
        span[1] = (char)('0' + (year / 100 % 10));
        span[2] = (char)('0' + (year / 10 % 10));
        span[3] = (char)('0' + (year % 10));
        span[4] = '-';
        Two(span, 5, date.Month);
        span[7] = '-';
        Two(span, 8, date.Day);
    }

    private static void Two(Span<char> span, int at, int value)
    {
        span[at] = (char)('0' + (value / 10));
        span[at + 1] = (char)('0' + (value % 10));
    }
}
