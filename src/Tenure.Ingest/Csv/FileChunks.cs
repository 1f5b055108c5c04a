namespace Tenure.Ingest.Csv;

/// <summary>
/// A large CSV file cut into chunks of whole lines after its header, for readers that parse the chunks in parallel.
/// Each chunk reads as a file of its own: the header line, then its lines. Only a file without a double quote is cut:
/// a quoted field may hold a line break, and only a read from the start can tell such a break from a record's end.
/// </summary>
internal sealed class FileChunks
{
    private const int BlockSize = 1 << 20;

    private readonly string path;
    private readonly byte[] header;
    private readonly long[] starts;
    private readonly int[] linesBefore;
    private readonly int lines;

    private FileChunks(string path, byte[] header, long[] starts, int[] linesBefore, int lines)
    {
        this.path = path;
        this.header = header;
        this.starts = starts;
        this.linesBefore = linesBefore;
        this.lines = lines;
    }

    /// <summary>How many chunks (the last start is the file's length).</summary>
    public int Count => starts.Length - 1;

    /// <summary>How many bytes of the file chunk <paramref name="chunk"/> holds (without the header each chunk starts with).</summary>
    public long Bytes(int chunk) => starts[chunk + 1] - starts[chunk];

    /// <summary>How many bytes the chunks hold in all.</summary>
    public long AllBytes => starts[^1] - starts[0];

    /// <summary>How many lines of the file come after the header and before chunk <paramref name="chunk"/>.</summary>
    public int LinesBefore(int chunk) => linesBefore[chunk];

    /// <summary>How many line breaks chunk <paramref name="chunk"/> holds (its rows, counting blank lines; one fewer when the file's last line has no break).</summary>
    public int Lines(int chunk) => (chunk + 1 < linesBefore.Length ? linesBefore[chunk + 1] : lines) - linesBefore[chunk];

    /// <summary>How many line breaks the file holds after its header.</summary>
    public int AllLines => lines;

    /// <summary>
    /// The file at <paramref name="path"/> cut into up to <paramref name="count"/> chunks of about equal size, each at
    /// least <paramref name="minBytes"/>; null when it is not worth cutting (one chunk) or holds a double quote.
    /// With <paramref name="groupField"/> (the position of a field in the file's lines, given the header line's bytes; -1:
    /// none), a cut moves on to the next line whose value of that field differs from the line's before it, so lines that
    /// follow one another with the same value stay in one chunk (a subscription's periods); no cut is made where no such
    /// line follows, or the field is not found.
    /// </summary>
    public static FileChunks? Split(string path, int count, long minBytes, Func<ReadOnlySpan<byte>, int>? groupField = null)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var length = file.Length;
        count = (int)Math.Min(count, length / Math.Max(1, minBytes));
        if (count < 2)
            return null;

        var block = new byte[BlockSize];
        var first = file.Read(block, 0, block.Length);
        var headerEnd = block.AsSpan(0, first).IndexOf((byte)'\n') + 1;
        if (headerEnd == 0)
            return null;
        var header = block.AsSpan(0, headerEnd).ToArray();
        var field = groupField?.Invoke(header) ?? -1;
        if (groupField is not null && field < 0)
            return null;

        // Each cut: the end of the line that holds the byte at an equal share of the data.
        var starts = new List<long> { headerEnd };
        for (var k = 1; k < count; k++)
        {
            var target = headerEnd + (length - headerEnd) * k / count;
            if (LineEndAfter(file, Math.Max(target, starts[^1]), block) is not { } cut || cut >= length)
                break;
            if (field >= 0 && (GroupStartAtOrAfter(file, cut, headerEnd, field, block) is not { } start || (cut = start) >= length))
                break;
            if (cut > starts[^1]) starts.Add(cut);
        }
        if (starts.Count < 2)
            return null;
        starts.Add(length);

        // One pass: no quote anywhere, and the lines before each cut (for the line numbers of errors).
        var linesBefore = new int[starts.Count - 1];
        file.Seek(headerEnd, SeekOrigin.Begin);
        long position = headerEnd;
        var lines = 0;
        var next = 1;
        int read;
        while ((read = file.Read(block, 0, block.Length)) > 0)
        {
            var span = block.AsSpan(0, read);
            if (span.Contains((byte)'"'))
                return null;
            var from = 0;
            while (next < linesBefore.Length && starts[next] <= position + read)
            {
                var upTo = (int)(starts[next] - position);
                lines += span[from..upTo].Count((byte)'\n');
                linesBefore[next++] = lines;
                from = upTo;
            }
            lines += span[from..].Count((byte)'\n');
            position += read;
        }
        return new FileChunks(path, header, [.. starts], linesBefore, lines);
    }

    /// <summary>The offset just after the first line break at or after <paramref name="offset"/>; null when there is none.</summary>
    private static long? LineEndAfter(FileStream file, long offset, byte[] block)
    {
        file.Seek(offset, SeekOrigin.Begin);
        int read;
        while ((read = file.Read(block, 0, block.Length)) > 0)
        {
            var newline = block.AsSpan(0, read).IndexOf((byte)'\n');
            if (newline >= 0)
                return offset + newline + 1;
            offset += read;
        }
        return null;
    }

    /// <summary>
    /// The start of the first line at or after <paramref name="cut"/> (the start of a line after the header) whose field
    /// <paramref name="field"/> differs from the line's before it; null when none does before the file's end, or a line is
    /// longer than a block.
    /// </summary>
    private static long? GroupStartAtOrAfter(FileStream file, long cut, long headerEnd, int field, byte[] block)
    {
        // The line before the cut, and its value.
        var from = Math.Max(headerEnd, cut - block.Length);
        file.Seek(from, SeekOrigin.Begin);
        var read = file.ReadAtLeast(block.AsSpan(0, (int)(cut - from)), (int)(cut - from), throwOnEndOfStream: false);
        var before = block.AsSpan(0, read);
        if (before.IsEmpty || before[^1] != (byte)'\n')
            return null;
        before = before[..^1];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        if (lineStart == 0 && from > headerEnd)
            return null;
        var value = Field(before[lineStart..], field).ToArray();

        // The lines from the cut on, a block at a time, each block starting at a line's start.
        var position = cut;
        while (true)
        {
            file.Seek(position, SeekOrigin.Begin);
            read = file.ReadAtLeast(block, block.Length, throwOnEndOfStream: false);
            if (read == 0)
                return null;
            var span = block.AsSpan(0, read);
            var at = 0;
            while (at < read)
            {
                var end = span[at..].IndexOf((byte)'\n');
                if (end < 0 && read == block.Length)
                    break; // the line goes on in the next block
                var line = end < 0 ? span[at..] : span.Slice(at, end);
                if (!Field(line, field).SequenceEqual(value))
                    return position + at;
                if (end < 0)
                    return null; // the file's last line, without a line break
                at += end + 1;
            }
            if (at == 0)
                return null; // a line longer than a block
            position += at;
        }
    }

    /// <summary>Field <paramref name="field"/> of <paramref name="line"/> (split at commas; the file holds no quotes), without a line's carriage return; empty when the line has fewer.</summary>
    private static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> line, int field)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\r')
            line = line[..^1];
        for (var f = 0; f < field; f++)
        {
            var comma = line.IndexOf((byte)',');
            if (comma < 0)
                return [];
            line = line[(comma + 1)..];
        }
        var next = line.IndexOf((byte)',');
        return next < 0 ? line : line[..next];
    }

    /// <summary>The file's header line, with its line break (and a byte order mark the file starts with).</summary>
    public ReadOnlySpan<byte> Header => header;

    /// <summary>A stream of chunk <paramref name="chunk"/>'s lines alone, without the header.</summary>
    public Stream OpenLines(int chunk) => Open(chunk, []);

    /// <summary>A stream of chunk <paramref name="chunk"/> as a file of its own: the header line, then the chunk's lines.</summary>
    public Stream Open(int chunk) => Open(chunk, header);

    private ChunkStream Open(int chunk, byte[] before)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        file.Seek(starts[chunk], SeekOrigin.Begin);
        return new ChunkStream(before, file, starts[chunk + 1] - starts[chunk]);
    }

    /// <summary>The header's bytes, then <c>length</c> bytes of the file from its position.</summary>
    private sealed class ChunkStream(byte[] header, FileStream file, long length) : Stream
    {
        private int headerRead;
        private long left = length;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (headerRead < header.Length)
            {
                var n = Math.Min(buffer.Length, header.Length - headerRead);
                header.AsSpan(headerRead, n).CopyTo(buffer);
                headerRead += n;
                return n;
            }
            if (left == 0) return 0;
            var read = file.Read(buffer[..(int)Math.Min(buffer.Length, left)]);
            left -= read;
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) file.Dispose();
            base.Dispose(disposing);
        }
    }
}
