using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Unicode;

using Tenure.Ingest.Csv;
using Tenure.Ingest.Fields;
using Tenure.Ingest.Rollups;
using Tenure.Metrics.Engine;

namespace Tenure.Ingest.Readers;

internal static partial class UsageReader
{
    /// <summary>
    /// A chunk of usage.csv read straight from the file's bytes when every line has the plain shape (ADR 0455): UTF-8, the
    /// header's number of fields split at commas (a chunk holds no quote), a line break of <c>\n</c> or <c>\r\n</c>, the
    /// account, user and timestamp in ASCII without white space around them, every account known and every timestamp valid;
    /// blank lines are skipped, as the general reader skips them.
    /// The fields go to the same lookups and counts as the general reader's (<see cref="ReadChunk"/>), in the same order, so
    /// the counts, pools and their order are the same; it only skips decoding the text, a general CSV parser and the
    /// per-field trimming. At the first line of any other shape it gives up (null), and the chunk is read by the general
    /// reader from its start, which also reports every error with its line.
    /// </summary>
    private static class PlainLines
    {
        private const int BlockBytes = 1 << 20;
        private const int Slack = 64; // bytes past a block's end the delimiter scan may load (and ignores)
        private const int MaxFieldChars = 256; // a longer id or timestamp is left to the general reader

        /// <summary>The counts of chunk <paramref name="chunk"/> (of a file whose header has <paramref name="layout"/>) through <paramref name="counting"/>, or null when a line is not plain.</summary>
        public static DayChunk? Read(FileChunks chunks, int chunk, Layout layout, DayCounting counting)
        {
            var lines = new Lines(layout, counting.Accounts, counting.Batch);
            var buffer = ArrayPool<byte>.Shared.Rent(BlockBytes + Slack);
            try
            {
                using var stream = chunks.OpenLines(chunk);
                int held = 0; // the bytes of a line the last block ended inside
                while (true)
                {
                    int read = stream.ReadAtLeast(buffer.AsSpan(held, BlockBytes - held), BlockBytes - held, throwOnEndOfStream: false);
                    bool last = held + read < BlockBytes;
                    int used = lines.Take(buffer, held + read, last);
                    // Text that is not UTF-8 is the general reader's to report. Whole lines are checked (a character's
                    // bytes never span a line break), after they were counted: a chunk that fails is read again anyway.
                    if (used < 0 || !Utf8.IsValid(buffer.AsSpan(0, used)))
                        return null;
                    if (last)
                        break;
                    held = held + read - used;
                    if (held == BlockBytes)
                        return null; // a line longer than a block
                    buffer.AsSpan(used, held).CopyTo(buffer);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            return counting.Done();
        }

        /// <summary>Where the header puts the fields read, and how many fields it has (<see cref="Of"/>: null when the general reader should look at it).</summary>
        public sealed record Layout(int Fields, int AccountField, int UserField, int TimestampField)
        {
            public static Layout? Of(ReadOnlySpan<byte> header)
            {
                string text;
                try
                {
                    text = CsvInputReader.StrictUtf8.GetString(header);
                }
                catch (DecoderFallbackException)
                {
                    return null;
                }
                // One line, ended by \n or \r\n (a lone \r would end it earlier for the general parser).
                var line = text.AsSpan().TrimEnd('\n');
                if (line.EndsWith('\r'))
                    line = line[..^1];
                if (line.ContainsAny('\r', '\n'))
                    return null;
                var errors = new ErrorLog("usage.csv", 1);
                using var rows = CsvRows.Open(new StringReader(line.ToString()), Columns, errors);
                if (rows is null)
                    return null;
                return new Layout(line.Count(',') + 1, rows.FieldOf(AccountId), rows.FieldOf(UserId), rows.FieldOf(Timestamp));
            }
        }

        /// <summary>The lines of a chunk, a block at a time: each split at its delimiters, its fields looked up and counted.</summary>
        private sealed class Lines(Layout layout, AccountRefs accounts, RowBatch batch)
        {
            private static readonly Vector256<byte> Comma = Vector256.Create((byte)',');
            private static readonly Vector256<byte> LineFeed = Vector256.Create((byte)'\n');
            private static readonly Vector256<byte> Return = Vector256.Create((byte)'\r');

            private readonly int[] _starts = new int[layout.Fields];
            private readonly int[] _ends = new int[layout.Fields];
            private readonly char[] _chars = new char[MaxFieldChars];

            /// <summary>
            /// Counts the whole lines of <paramref name="buffer"/>'s first <paramref name="length"/> bytes (and, when
            /// <paramref name="last"/>, a last line without a break); returns how many bytes they took, the rest being the
            /// start of a line the next block goes on with, or -1 at a line that is not plain.
            /// </summary>
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            public int Take(byte[] buffer, int length, bool last)
            {
                ref byte data = ref MemoryMarshal.GetArrayDataReference(buffer);
                int lineStart = 0, field = 0;
                _starts[0] = 0;
                for (int at = 0; at < length; at += 32)
                {
                    uint mask = Delimiters(ref Unsafe.Add(ref data, at));
                    if (length - at < 32)
                        mask &= (1u << (length - at)) - 1;
                    while (mask != 0)
                    {
                        int p = at + BitOperations.TrailingZeroCount(mask);
                        mask &= mask - 1;
                        if (p < lineStart)
                            continue; // the \n of a \r\n already taken
                        byte c = buffer[p];
                        _ends[field] = p;
                        if (c == (byte)',')
                        {
                            if (++field == _starts.Length)
                                return -1; // more fields than the header
                            _starts[field] = p + 1;
                            continue;
                        }
                        int next = p + 1;
                        if (c == (byte)'\r')
                        {
                            if (p + 1 == length)
                                return last ? -1 : lineStart; // the rest of the line comes with the next block
                            if (buffer[p + 1] != (byte)'\n')
                                return -1; // a lone \r ends a record for the general parser
                            next = p + 2;
                        }
                        if (field == 0 && IsBlank(buffer.AsSpan(lineStart, p - lineStart)))
                        {
                            // A blank line, which the general reader skips too.
                        }
                        else if (field + 1 != _starts.Length || !Count(buffer))
                        {
                            return -1;
                        }
                        lineStart = next;
                        field = 0;
                        _starts[0] = next;
                    }
                }
                if (!last || lineStart == length)
                    return lineStart;
                // The file's last line, without a line break.
                _ends[field] = length;
                if (field == 0 && IsBlank(buffer.AsSpan(lineStart, length - lineStart)))
                    return length;
                return field + 1 == _starts.Length && Count(buffer) ? length : -1;
            }

            /// <summary>Counts the line whose fields <see cref="_starts"/> and <see cref="_ends"/> hold; false when it is not plain.</summary>
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            private bool Count(byte[] buffer)
            {
                var accountText = Field(buffer, layout.AccountField);
                if (!IsPlain(accountText))
                    return false;
                if (!accounts.TryResolve(Widen(accountText), out int account))
                    return false;

                var timestampText = Field(buffer, layout.TimestampField);
                if (!IsoInstant.TryPlainUtcDay(timestampText, out int day))
                {
                    if (!IsPlain(timestampText) || !IsoInstant.TryParse(Widen(timestampText), out var timestamp))
                        return false;
                    day = (int)(timestamp.Ticks / TimeSpan.TicksPerDay);
                }

                var userText = layout.UserField < 0 ? default : Field(buffer, layout.UserField);
                if (!userText.IsEmpty && !IsPlain(userText))
                    return false;
                batch.Add(account, Widen(userText), day);
                return true;
            }

            private ReadOnlySpan<byte> Field(byte[] buffer, int field) => buffer.AsSpan(_starts[field], _ends[field] - _starts[field]);

            /// <summary>The characters of ASCII <paramref name="text"/>, in the scratch space (valid until the next call).</summary>
            private ReadOnlySpan<char> Widen(ReadOnlySpan<byte> text)
            {
                var chars = _chars.AsSpan(0, text.Length);
                for (int i = 0; i < text.Length; i++)
                    chars[i] = (char)text[i];
                return chars;
            }

            /// <summary>Not empty, not longer than <see cref="MaxFieldChars"/>, ASCII, no white space at either end (the general reader trims it).</summary>
            private static bool IsPlain(ReadOnlySpan<byte> text) =>
                !text.IsEmpty && text.Length <= MaxFieldChars && !IsSpace(text[0]) && !IsSpace(text[^1]) && Ascii.IsValid(text);

            /// <summary>Empty or white space only: a line the general reader skips.</summary>
            private static bool IsBlank(ReadOnlySpan<byte> line)
            {
                foreach (var b in line)
                {
                    if (!IsSpace(b))
                        return false;
                }
                return true;
            }

            /// <summary>ASCII white space as <see cref="char.IsWhiteSpace(char)"/> has it: space, tab, line feed, vertical tab, form feed, carriage return.</summary>
            private static bool IsSpace(byte b) => b == (byte)' ' || (uint)(b - '\t') <= '\r' - '\t';

            /// <summary>Bit i set where byte i of the 32 at <paramref name="at"/> is a comma, \n or \r.</summary>
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            private static uint Delimiters(ref byte at)
            {
                if (Vector256.IsHardwareAccelerated)
                {
                    var v = Vector256.LoadUnsafe(ref at);
                    return (Vector256.Equals(v, Comma) | Vector256.Equals(v, LineFeed) | Vector256.Equals(v, Return)).ExtractMostSignificantBits();
                }
                uint mask = 0;
                for (int i = 0; i < 32; i++)
                {
                    byte b = Unsafe.Add(ref at, i);
                    if (b is (byte)',' or (byte)'\n' or (byte)'\r')
                        mask |= 1u << i;
                }
                return mask;
            }
        }
    }
}
