using System.Text;

namespace Tenure.Ingest.Csv;

/// <summary>
/// Counts the columns of a CSV header before the CSV parser sees it: parsing a record is slow when
/// it has hundreds of thousands of fields, so a header wider than <see cref="ColumnSet.MaxColumns"/>
/// is refused after one linear scan. The characters read are handed back through
/// the reader <see cref="Columns"/> returns, which then continues with the rest of the input.
/// </summary>
internal sealed class HeaderScan : TextReader
{
    private const int ChunkSize = 4096;

    /// <summary>How much of a header is held for the parser; past it (an unclosed quote, say) the parser takes over and reports the problem.</summary>
    private const int MaxKeptChars = 1 << 24;

    private readonly TextReader inner;
    private readonly string consumed;
    private int at;

    private HeaderScan(TextReader inner, string consumed)
    {
        this.inner = inner;
        this.consumed = consumed;
    }

    /// <summary>
    /// Scans the header (the first record; quoted fields may hold separators and line breaks).
    /// Returns its column count (0 for empty input; a lower bound when the header runs past 16 M
    /// characters); <paramref name="reader"/> is the input to parse from its start, or null when the
    /// header is wider than <see cref="ColumnSet.MaxColumns"/> (the input is then read to the end of
    /// the header only).
    /// </summary>
    public static int Columns(TextReader input, out TextReader? reader)
    {
        var kept = new StringBuilder();
        var chunk = new char[ChunkSize];
        int columns = 0;
        bool quoted = false;
        bool keep = true;
        int read;
        while ((read = input.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (keep)
                kept.Append(chunk, 0, read);
            if (columns == 0)
                columns = 1;
            for (int i = 0; i < read; i++)
            {
                char c = chunk[i];
                if (c == '"')
                {
                    quoted = !quoted;
                }
                else if (!quoted)
                {
                    if (c == ',')
                    {
                        columns++;
                    }
                    else if (c is '\n' or '\r')
                    {
                        reader = keep && columns <= ColumnSet.MaxColumns ? new HeaderScan(input, kept.ToString()) : null;
                        return columns;
                    }
                }
            }
            if (columns > ColumnSet.MaxColumns)
            {
                keep = false;
                kept.Clear();
            }
            else if (kept.Length > MaxKeptChars)
            {
                break;
            }
        }
        reader = keep && columns <= ColumnSet.MaxColumns ? new HeaderScan(input, kept.ToString()) : null;
        return columns;
    }

    public override int Peek() => at < consumed.Length ? consumed[at] : inner.Peek();

    public override int Read() => at < consumed.Length ? consumed[at++] : inner.Read();

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (at < consumed.Length)
        {
            int n = Math.Min(buffer.Length, consumed.Length - at);
            consumed.AsSpan(at, n).CopyTo(buffer);
            at += n;
            return n;
        }
        return inner.Read(buffer);
    }

    public override int ReadBlock(char[] buffer, int index, int count) => ReadBlock(buffer.AsSpan(index, count));

    public override int ReadBlock(Span<char> buffer)
    {
        int total = 0;
        int n;
        while (total < buffer.Length && (n = Read(buffer[total..])) > 0)
            total += n;
        return total;
    }
}
