using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tenure.Ingest.Csv;

/// <summary>
/// The records of CSV text that holds no quote, split by hand: a record is a line (ended by <c>\n</c> or <c>\r\n</c>, or
/// the end of the text), its fields what lies between its commas. For text with no quote in it, this is exactly what the
/// general parser makes of it, without its per-field bookkeeping (ADR 0505).
/// </summary>
/// <remarks>
/// It gives up (<see cref="GaveUp"/>, and <see cref="Read"/> returns false) at the first thing it does not split the way the
/// general parser does, or that the general parser reports: a quote, a lone <c>\r</c>, a line whose number of fields is not
/// the header's (unless it is blank), a line longer than <see cref="MaxLineChars"/>, text that is not UTF-8. The caller then
/// reads the same text again with the general parser, which also reports what is wrong with it.
/// </remarks>
internal sealed class QuoteFreeRecords
{
    private const int BlockChars = 1 << 16;

    /// <summary>A longer line is left to the general parser (whose records may grow to 16 M characters).</summary>
    internal const int MaxLineChars = 1 << 20;

    private static readonly Vector256<ushort> Comma = Vector256.Create((ushort)',');
    private static readonly Vector256<ushort> LineFeed = Vector256.Create((ushort)'\n');
    private static readonly Vector256<ushort> Return = Vector256.Create((ushort)'\r');
    private static readonly Vector256<ushort> Quote = Vector256.Create((ushort)'"');

    private readonly TextReader text;
    private readonly int[] starts; // the current record's fields, as offsets from its start
    private readonly int[] ends;
    private char[] buffer = new char[BlockChars];
    private int record; // where the current record starts in the buffer
    private int end; // the buffer's characters read so far
    private int next; // where the record after the current one starts
    private int[] marks = new int[BlockChars]; // where the buffer's delimiters are, in order (Mark)
    private int marked; // how many marks there are
    private int taken; // how many of them the records read so far took
    private bool textEnded;

    /// <param name="text">The text after the header (not disposed here).</param>
    /// <param name="fields">The header's number of fields: every line that is not blank must have as many.</param>
    public QuoteFreeRecords(TextReader text, int fields)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fields, 1);
        this.text = text;
        starts = new int[fields];
        ends = new int[fields];
    }

    /// <summary>Whether a record could not be split as the general parser would (the rest of the text is not read).</summary>
    public bool GaveUp { get; private set; }

    /// <summary>Whether the current record is a blank line (one field, white space only), which readers skip.</summary>
    public bool Blank { get; private set; }

    /// <summary>Field <paramref name="field"/> of the current record, untrimmed (every field of a record that is not blank exists).</summary>
    public ReadOnlySpan<char> Field(int field) => buffer.AsSpan(record + starts[field], ends[field] - starts[field]);

    /// <summary>Moves to the next record (one line); false at the end of the text or when it gave up.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Read()
    {
        if (GaveUp)
            return false;
        record = next;
        int field = 0;
        starts[0] = 0;
        while (true)
        {
            if (taken == marked)
            {
                if (!Fill())
                {
                    // The end of the text: its last line has no line break, or there is none.
                    if (record == end)
                        return false;
                    return Ended(field, end, end);
                }
                continue;
            }
            int p = marks[taken++];
            switch (buffer[p])
            {
                case ',':
                    if (field + 1 == starts.Length)
                        return Quit(); // more fields than the header
                    ends[field] = p - record;
                    starts[++field] = p + 1 - record;
                    continue;
                case '\n':
                    return Ended(field, p, p + 1);
                case '\r':
                    if (p + 1 == end)
                    {
                        int offset = p - record;
                        if (!Fill())
                            return Quit(); // a lone \r at the end of the text
                        p = record + offset;
                    }
                    if (buffer[p + 1] != '\n')
                        return Quit(); // a lone \r ends a record for the general parser
                    taken++; // the \n
                    return Ended(field, p, p + 2);
                default:
                    return Quit(); // a quote
            }
        }
    }

    /// <summary>Ends the current record, whose last field <paramref name="field"/> ends at <paramref name="lineEnd"/>; the next starts at <paramref name="after"/>.</summary>
    private bool Ended(int field, int lineEnd, int after)
    {
        ends[field] = lineEnd - record;
        next = after;
        Blank = field == 0 && Field(0).IsWhiteSpace();
        if (field + 1 != starts.Length && !Blank)
            return Quit(); // fewer fields than the header
        return true;
    }

    private bool Quit()
    {
        GaveUp = true;
        return false;
    }

    /// <summary>
    /// Reads more of the text after the buffer's characters, once every delimiter found was taken, moving the current record
    /// to the buffer's start (or growing it, up to <see cref="MaxLineChars"/>, when the record fills it) and marking the
    /// delimiters of what it read; false at the end of the text, or when it gave up.
    /// </summary>
    private bool Fill()
    {
        if (textEnded || GaveUp)
            return false;
        // Called once every mark was taken: the marks start again with the characters read now.
        marked = taken = 0;
        if (record > 0)
        {
            buffer.AsSpan(record, end - record).CopyTo(buffer);
            end -= record;
            record = 0;
        }
        if (end == buffer.Length)
        {
            if (buffer.Length >= MaxLineChars)
                return Quit();
            Array.Resize(ref buffer, buffer.Length * 2);
        }
        int read;
        try
        {
            read = text.Read(buffer, end, buffer.Length - end);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return Quit(); // not UTF-8: the general parser reports it
        }
        if (read == 0)
        {
            textEnded = true;
            return false;
        }
        Mark(end, end + read);
        end += read;
        return true;
    }

    /// <summary>Adds where a delimiter (comma, line break, quote) is among the buffer's characters from <paramref name="from"/> to <paramref name="to"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Mark(int from, int to)
    {
        if (marks.Length < marked + (to - from))
            Array.Resize(ref marks, Math.Max(marks.Length * 2, marked + (to - from)));
        ref char chars = ref MemoryMarshal.GetArrayDataReference(buffer);
        int at = from;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; at + Vector256<ushort>.Count <= to; at += Vector256<ushort>.Count)
            {
                var v = Vector256.LoadUnsafe(ref Unsafe.As<char, ushort>(ref chars), (nuint)at);
                uint mask = (Vector256.Equals(v, Comma) | Vector256.Equals(v, LineFeed) | Vector256.Equals(v, Return) | Vector256.Equals(v, Quote))
                    .ExtractMostSignificantBits();
                while (mask != 0)
                {
                    marks[marked++] = at + BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                }
            }
        }
        for (; at < to; at++)
        {
            if (buffer[at] is ',' or '\n' or '\r' or '"')
                marks[marked++] = at;
        }
    }
}
