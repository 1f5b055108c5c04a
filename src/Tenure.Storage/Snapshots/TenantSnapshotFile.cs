using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

using Tenure.Metrics.Inputs;
using Tenure.Storage.Schema;
using Tenure.Storage.Tables;

namespace Tenure.Storage.Snapshots;

/// <summary>
/// A tenant's loaded data set kept in a file beside its SQLite database (<c>tenure.db.snapshots/TENANT.snapshot</c>), so
/// a later load at the same data version reads one file instead of ten million rows (ADR 0205). The file names what it
/// holds: the tenant, its creation instant and data version, the kinds present, and the build of Tenure that wrote it;
/// a load uses it only when all of these match the database, and otherwise loads from the database and writes it anew.
/// </summary>
/// <remarks>
/// Rows are written with each kind's own table definition (<see cref="KindTable{T}.Write"/> and
/// <see cref="KindTable{T}.Read"/>, as the database stores them), so a load from the file gives what a load from the
/// database gives, row for row, in the same order. Short texts are written once and referred to after, so ids read back
/// as one string each, as a database load pools them. The texts and each kind's rows are sections of known length, read in
/// parallel (a load's time is mostly allocating its records). A file is written to a temporary name and renamed into place:
/// readers see a whole old file or a whole new one. A file that cannot be read (cut short, another format) is ignored.
/// </remarks>
public static class TenantSnapshotFile
{
    /// <summary>Bumped when the layout changes; the build identity below also changes whenever the records' or tables' code does.</summary>
    private const int FormatVersion = 2;

    private static readonly byte[] Magic = "TENURE-SNAPSHOT\n"u8.ToArray();

    /// <summary>
    /// The build of the record types and the tables that write them (the module version ids, which deterministic builds
    /// derive from the code): a file of another build is not read.
    /// </summary>
    private static readonly string Build =
        $"{typeof(TenureDataSet).Assembly.ManifestModule.ModuleVersionId:N}/{typeof(TenantSnapshotFile).Assembly.ManifestModule.ModuleVersionId:N}";

    /// <summary>The snapshot directory of a SQLite database file: the file's name with <c>.snapshots</c> after it.</summary>
    public static string DirectoryOf(string sqliteFile) => sqliteFile + ".snapshots";

    /// <summary>Where the tenant's file is for <paramref name="database"/>; null for PostgreSQL and a SQLite database that is not a plain file.</summary>
    public static string? PathFor(TenureDatabase database, string tenant)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant); // a-z, 0-9, '-' and '_': safe as a file name
        return database.Location.SqliteFilePath is { } file ? Path.Combine(DirectoryOf(file), tenant + ".snapshot") : null;
    }

    /// <summary>Deletes every snapshot of the SQLite database <paramref name="sqliteFile"/> (after a restore replaced its data).</summary>
    public static void DeleteAll(string sqliteFile)
    {
        var directory = DirectoryOf(sqliteFile);
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
    }

    /// <summary>What a file must match to be read: the tenant, its creation (as the database prints it), its data version and present kinds.</summary>
    public readonly record struct Identity(string Tenant, string CreatedAt, long DataVersion, InputKind Present);

    /// <summary>The data set in the file at <paramref name="path"/> when it holds exactly <paramref name="identity"/>; null when absent, another's or unreadable.</summary>
    public static TenureDataSet? TryRead(string path, Identity identity, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            // One handle for every part: a newer file renamed into place meanwhile is not mixed in.
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            if (ReadLayout(handle, identity) is not { } layout)
                return null;

            // Texts first (rows refer to them), then every kind's rows, each part on its own reader.
            var texts = new string[layout.TextBlocks.Sum(b => b.Count)];
            Parallel.For(0, layout.TextBlocks.Count, b =>
            {
                var block = layout.TextBlocks[b];
                var input = SnapshotReader.Open(handle, block.Part, texts);
                for (int i = 0; i < block.Count; i++)
                    texts[block.First + i] = input.InlineText();
                input.EndOfPart();
            });
            var parts = new object?[layout.Sections.Count];
            Parallel.ForEach(Enumerable.Range(0, layout.Sections.Count).OrderByDescending(i => layout.Sections[i].Length), i =>
            {
                var input = SnapshotReader.Open(handle, layout.Sections[i], texts);
                parts[i] = i < StoredTables.All.Count ? ReadRows(input, StoredTables.All[i]) : ReadSends(input);
                input.EndOfPart();
            });

            var data = new TenureDataSet { Present = identity.Present };
            for (int i = 0; i < StoredTables.All.Count; i++)
                data = StoredTables.All[i].Description.CopyRows(data, (TenureDataSet)parts[i]!);
            return parts[^1] is List<SurveySend> sends ? data with { SurveySends = sends } : data;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (Unreadable(e))
        {
            logger?.LogWarning("The tenant snapshot {Path} is unreadable ({Message}); the tenant is loaded from the database.", path, e.Message);
            return null;
        }
    }

    private static bool Unreadable(Exception e) => e switch
    {
        AggregateException all => all.InnerExceptions.All(Unreadable),
        _ => e is EndOfStreamException or InvalidDataException or IOException or UnauthorizedAccessException or DecoderFallbackException or OverflowException,
    };

    /// <summary>A part of the file: where it starts and how many bytes it has.</summary>
    private readonly record struct Part(long Start, long Length);

    /// <summary>A block of the text table: its part, how many texts it holds and the number of its first.</summary>
    private readonly record struct TextBlock(Part Part, int Count, int First);

    private sealed record Layout(IReadOnlyList<TextBlock> TextBlocks, IReadOnlyList<Part> Sections);

    /// <summary>The file's parts when its header names <paramref name="identity"/> and it is whole; null when it is another's.</summary>
    private static Layout? ReadLayout(SafeFileHandle handle, Identity identity)
    {
        var input = SnapshotReader.Open(handle, new Part(0, RandomAccess.GetLength(handle)), []);
        if (!input.Bytes(Magic.Length).SequenceEqual(Magic) || input.Int() != FormatVersion || input.InlineText() != Build)
            return null;
        var stored = new Identity(input.InlineText(), input.InlineText(), input.Long(), (InputKind)input.Int());
        if (stored != identity)
            return null;

        var blocks = new List<TextBlock>();
        int blockCount = input.Int(), first = 0;
        for (int b = 0; b < blockCount; b++)
        {
            int count = input.Int();
            var part = input.SkipPart();
            if (count < 0 || count > part.Length)
                throw new InvalidDataException($"a text block of {part.Length} bytes has {count} texts");
            blocks.Add(new TextBlock(part, count, first));
            first = checked(first + count);
        }
        int sectionCount = input.Int();
        if (sectionCount != StoredTables.All.Count + 1)
            throw new InvalidDataException($"the file has {sectionCount} sections, not {StoredTables.All.Count + 1}");
        var sections = new List<Part>();
        for (int i = 0; i < sectionCount; i++)
            sections.Add(input.SkipPart());
        return input.Int() == EndMark ? new Layout(blocks, sections) : throw new InvalidDataException("the file does not end where it should");
    }

    /// <summary>
    /// Writes <paramref name="data"/> (exactly the tenant's data at <paramref name="identity"/>'s version) to
    /// <paramref name="path"/>: to a temporary file first, renamed over the old one when complete. Returns whether it was
    /// written; a failure (disk full, no permission) is logged and leaves any earlier file as it was.
    /// </summary>
    public static bool Write(string path, Identity identity, TenureDataSet data, ILogger? logger = null) =>
        Write(path, identity, data, logger, ahead: null);

    /// <summary>
    /// <see cref="Write(string, Identity, TenureDataSet, ILogger?)"/> with the texts of some of the tables collected ahead
    /// (<see cref="TextsAhead"/>): taken when <paramref name="data"/> holds those very record lists, else the texts are
    /// collected again from the start.
    /// </summary>
    internal static bool Write(string path, Identity identity, TenureDataSet data, ILogger? logger, TextsAhead? ahead)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(data);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            // The short texts, each once, in order of first appearance: the rows refer to them by number.
            var continued = (TextCollector?)ahead?.Continue(data);
            var collector = continued ?? new TextCollector();
            foreach (var table in StoredTables.All)
            {
                if (continued is null || !ahead!.Has(table))
                    WriteRows(collector, table, data);
            }
            WriteSends(collector, data.SurveySends);

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                var output = new SnapshotWriter(stream, collector.Numbers);
                output.Bytes(Magic);
                output.Int(FormatVersion);
                output.InlineText(Build);
                output.InlineText(identity.Tenant);
                output.InlineText(identity.CreatedAt);
                output.Long(identity.DataVersion);
                output.Int((int)identity.Present);

                var texts = collector.Numbers.Texts;
                output.Int((texts.Count + TextBlockSize - 1) / TextBlockSize);
                for (int first = 0; first < texts.Count; first += TextBlockSize)
                {
                    int count = Math.Min(TextBlockSize, texts.Count - first);
                    output.Int(count);
                    output.Part(() =>
                    {
                        for (int i = first; i < first + count; i++)
                            output.InlineText(texts[i]);
                    });
                }
                output.Int(StoredTables.All.Count + 1);
                foreach (var table in StoredTables.All)
                    output.Part(() => WriteRows(output, table, data));
                output.Part(() => WriteSends(output, data.SurveySends));
                output.Int(EndMark);
                output.Flush();
            }
            File.Move(temporary, path, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger?.LogWarning("The tenant snapshot {Path} could not be written ({Message}); loads read the database.", path, e.Message);
            try
            {
                File.Delete(temporary);
            }
            catch (Exception ignored) when (ignored is IOException or UnauthorizedAccessException)
            {
                // Left behind; the next write uses another name.
            }
            return false;
        }
    }

    private const int EndMark = 0x0E0D_5A7E;

    /// <summary>Texts per block of the text table (blocks are read in parallel).</summary>
    private const int TextBlockSize = 1 << 16;

    private static void WriteRows(IRowWriter output, KindTable table, TenureDataSet data)
    {
        output.Integer((int)table.Kind);
        table.WriteRecords(data, output);
    }

    /// <summary>A data set holding only <paramref name="table"/>'s records, as <see cref="WriteRows"/> wrote them.</summary>
    private static TenureDataSet ReadRows(SnapshotReader input, KindTable table)
    {
        if (input.Int() != (int)table.Kind)
            throw new InvalidDataException($"the rows of {table.Name} are not where they belong");
        return table.ReadRecords(input, input.ItemCount(table.Name));
    }

    private static void WriteSends(IRowWriter output, IReadOnlyList<SurveySend>? sends)
    {
        output.Boolean(sends is not null);
        if (sends is null)
            return;
        output.Integer(sends.Count);
        foreach (var send in sends)
        {
            output.Text(send.SendId);
            output.Text(send.Survey);
            output.Text(send.AccountId);
            output.Instant(send.SentAt);
            output.OptionalText(send.ResponseId);
        }
    }

    private static List<SurveySend>? ReadSends(SnapshotReader input)
    {
        if (!input.Boolean())
            return null;
        int count = input.ItemCount("the survey sends");
        var sends = new List<SurveySend>(count);
        for (int i = 0; i < count; i++)
            sends.Add(new SurveySend(input.Text(), input.Text(), input.Text(), input.Instant(), input.OptionalText()));
        return sends;
    }

    // A text in the rows: 0 = null; 1 = written in full (long, or past the pool's size); n >= 2 = text n - 2 of the table.
    private const int NullText = 0, FullText = 1, TableBase = 2;

    /// <summary>The longest text put in the text table (ids, codes); longer ones (comments, notes) are written in the rows.</summary>
    private const int MaxPooledLength = TextPool.MaxPooledLength;

    /// <summary>
    /// The first pass of a write begun ahead, table by table in the file's order, while the data is still being made (an
    /// import's rows as stored, each kind's as it is converted: <see cref="Schema.AsStoredRows"/>). <see cref="Write(string, Identity, TenureDataSet, ILogger?, TextsAhead?)"/>
    /// continues it when the data it writes holds the very record lists collected, in the same places; otherwise it
    /// collects from the start, so a list changed or added since (Tenure's own tasks appended) is never written with
    /// another list's numbers. Not thread-safe: <see cref="Collect"/> one table after the other, then one write.
    /// </summary>
    internal sealed class TextsAhead
    {
        private readonly TextCollector collector = new();
        private readonly List<(KindTable Table, object Records)> collected = [];
        private bool continued;

        /// <summary>Collects <paramref name="table"/>'s texts of <paramref name="data"/>; tables come in <see cref="StoredTables.All"/> order.</summary>
        public void Collect(KindTable table, TenureDataSet data)
        {
            if (collected.Count > 0 && Position(collected[^1].Table) >= Position(table))
                throw new InvalidOperationException($"{table.Name} comes after the tables collected, in the file's order.");
            WriteRows(collector, table, data);
            collected.Add((table, table.Records(data)));
        }

        private static int Position(KindTable table)
        {
            for (int i = 0; i < StoredTables.All.Count; i++)
            {
                if (StoredTables.All[i] == table)
                    return i;
            }
            throw new ArgumentException($"{table.Name} is not a stored table.", nameof(table));
        }

        /// <summary>Whether <paramref name="table"/> was collected.</summary>
        public bool Has(KindTable table) => collected.Exists(c => c.Table == table);

        /// <summary>
        /// The collection to continue for <paramref name="data"/>: the tables collected hold the same lists in it, and every
        /// table before the last one collected that was not collected holds no records (it adds no text); null otherwise,
        /// and for any write after the first (which went on collecting into it).
        /// </summary>
        internal IRowWriter? Continue(TenureDataSet data)
        {
            if (collected.Count == 0 || continued)
                return null;
            int next = 0;
            foreach (var table in StoredTables.All)
            {
                if (next == collected.Count)
                    break;
                if (collected[next].Table == table)
                {
                    if (!ReferenceEquals(collected[next].Records, table.Records(data)))
                        return null;
                    next++;
                }
                else if (table.RowCount(data) > 0)
                {
                    return null;
                }
            }
            continued = true;
            return collector;
        }
    }

    /// <summary>The first pass of a write: numbers each short text in order of first appearance.</summary>
    private sealed class TextCollector : IRowWriter
    {
        public TextNumbers Numbers { get; } = new();

        private void Add(string? value)
        {
            if (value is { Length: <= MaxPooledLength })
                Numbers.Add(value);
        }

        public void Text(string value) => Add(value);
        public void OptionalText(string? value) => Add(value);
        public void Instant(DateTime value) { }
        public void OptionalInstant(DateTime? value) { }
        public void Decimal(decimal value) { }
        public void OptionalDecimal(decimal? value) { }
        public void Integer(int value) { }
        public void OptionalInteger(int? value) { }
        public void Boolean(bool value) { }
    }

    /// <summary>
    /// The short texts numbered in order of first appearance (at most <see cref="TextPool.MaxEntries"/>), and the number
    /// of each short text given, in the order given: the second pass of a write gives the same texts in the same order
    /// and takes their numbers from that sequence (<see cref="Next"/>) instead of looking each up again. The texts last
    /// numbered are also kept by reference, so the same string on many rows (a pooled account id on each of its usage
    /// days, a status) is found without hashing its characters in a table of millions.
    /// </summary>
    private sealed class TextNumbers
    {
        private const int CacheSize = 1 << 14, ChunkSize = 1 << 16;
        private readonly Dictionary<string, int> numbers = new(StringComparer.Ordinal);
        private readonly string?[] cachedTexts = new string?[CacheSize];
        private readonly int[] cachedNumbers = new int[CacheSize];
        private readonly List<int[]> sequence = [];
        private long added, taken;

        public List<string> Texts { get; } = [];

        /// <summary>Numbers <paramref name="text"/> (a short text) if it is new, and appends its number (-1: the table is full) to the sequence.</summary>
        public void Add(string text)
        {
            int slot = RuntimeHelpers.GetHashCode(text) & (CacheSize - 1);
            int number;
            if (ReferenceEquals(cachedTexts[slot], text))
            {
                number = cachedNumbers[slot];
            }
            else if (Texts.Count < TextPool.MaxEntries)
            {
                ref int entry = ref CollectionsMarshal.GetValueRefOrAddDefault(numbers, text, out bool exists);
                if (!exists)
                {
                    entry = Texts.Count;
                    Texts.Add(text);
                }
                number = entry;
                (cachedTexts[slot], cachedNumbers[slot]) = (text, number);
            }
            else
            {
                number = numbers.TryGetValue(text, out int known) ? known : -1;
            }
            if (added % ChunkSize == 0)
                sequence.Add(new int[ChunkSize]);
            sequence[^1][added++ % ChunkSize] = number;
        }

        /// <summary>The number <see cref="Add"/> gave the next short text in order (-1: none).</summary>
        public int Next()
        {
            if (taken >= added)
                throw new InvalidOperationException("The snapshot's rows changed between its two passes.");
            int number = sequence[(int)(taken / ChunkSize)][taken % ChunkSize];
            taken++;
            return number;
        }
    }

    private sealed class SnapshotWriter(FileStream stream, TextNumbers numbers) : IRowWriter
    {
        private readonly byte[] buffer = new byte[1 << 16];
        private int used;

        public void Flush()
        {
            stream.Write(buffer, 0, used);
            used = 0;
            stream.Flush();
        }

        /// <summary>Writes a part: its length (8 bytes), then what <paramref name="write"/> writes.</summary>
        public void Part(Action write)
        {
            Flush();
            long lengthAt = stream.Position;
            stream.Write(new byte[8]);
            write();
            Flush();
            long end = stream.Position;
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(length, end - lengthAt - 8);
            stream.Position = lengthAt;
            stream.Write(length);
            stream.Position = end;
        }

        private Span<byte> Room(int bytes)
        {
            if (used + bytes > buffer.Length)
            {
                stream.Write(buffer, 0, used);
                used = 0;
            }
            return buffer.AsSpan(used, bytes);
        }

        public void Bytes(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length > buffer.Length)
            {
                Flush();
                stream.Write(bytes);
                return;
            }
            bytes.CopyTo(Room(bytes.Length));
            used += bytes.Length;
        }

        private void Count(ulong value)
        {
            var room = Room(10);
            int n = 0;
            while (value >= 0x80)
            {
                room[n++] = (byte)(value | 0x80);
                value >>= 7;
            }
            room[n++] = (byte)value;
            used += n;
        }

        public void Int(int value) => Long(value);

        public void Long(long value) => Count((ulong)((value << 1) ^ (value >> 63))); // zig-zag: small negatives stay short

        /// <summary>A text in full: its UTF-8 length, then its bytes.</summary>
        public void InlineText(string value)
        {
            int length = Encoding.UTF8.GetByteCount(value);
            Count((ulong)length);
            if (length <= buffer.Length)
            {
                Encoding.UTF8.GetBytes(value, Room(length));
                used += length;
            }
            else
            {
                Bytes(Encoding.UTF8.GetBytes(value));
            }
        }

        private void String(string? value)
        {
            if (value is null)
            {
                Count(NullText);
            }
            else if (value.Length <= MaxPooledLength && numbers.Next() is >= 0 and var number)
            {
                Count((ulong)number + TableBase);
            }
            else
            {
                Count(FullText);
                InlineText(value);
            }
        }

        public void Text(string value) => String(value ?? throw new ArgumentNullException(nameof(value)));
        public void OptionalText(string? value) => String(value);

        public void Instant(DateTime value) => Long(value.Ticks);

        public void OptionalInstant(DateTime? value)
        {
            Boolean(value.HasValue);
            if (value is { } v) Instant(v);
        }

        public void Decimal(decimal value)
        {
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(value, bits);
            var room = Room(16);
            for (int i = 0; i < 4; i++)
                BinaryPrimitives.WriteInt32LittleEndian(room[(i * 4)..], bits[i]);
            used += 16;
        }

        public void OptionalDecimal(decimal? value)
        {
            Boolean(value.HasValue);
            if (value is { } v) Decimal(v);
        }

        public void Integer(int value) => Int(value);

        public void OptionalInteger(int? value)
        {
            Boolean(value.HasValue);
            if (value is { } v) Int(v);
        }

        public void Boolean(bool value) => Count(value ? 1UL : 0UL);
    }

    /// <summary>Reads a part of the file (or its start), never past the part's end; positional reads, so parts read at once.</summary>
    private sealed class SnapshotReader(SafeFileHandle handle, long offset, string[] texts, long length) : IRowReader
    {
        private readonly byte[] buffer = new byte[1 << 16];
        private int position, filled;
        private long next = offset; // the file position of the first byte not yet in the buffer
        private long left = length; // bytes of the part not yet in the buffer

        /// <summary>A reader of <paramref name="part"/> of the file open as <paramref name="handle"/>.</summary>
        public static SnapshotReader Open(SafeFileHandle handle, Part part, string[] texts) => new(handle, part.Start, texts, part.Length);

        /// <summary>Throws unless every byte of the part was read.</summary>
        public void EndOfPart()
        {
            if (position != filled || left != 0)
                throw new InvalidDataException("a part of the file holds more than it should");
        }

        /// <summary>Skips the part that starts here (its 8-byte length, then its bytes), returning where it is.</summary>
        public Part SkipPart()
        {
            var length = BinaryPrimitives.ReadInt64LittleEndian(Next(8));
            long start = next - (filled - position); // the file position of the byte after the length
            if (length < 0 || length > Remaining)
                throw new EndOfStreamException("the file ends early");
            // Drop what the buffer holds of the part, then move past the rest.
            long inBuffer = Math.Min(length, filled - position);
            position += (int)inBuffer;
            long rest = length - inBuffer;
            next += rest;
            left -= rest;
            return new Part(start, length);
        }

        /// <summary>The next <paramref name="count"/> bytes (at most the buffer's size) as a span valid until the next read.</summary>
        private ReadOnlySpan<byte> Next(int count)
        {
            if (filled - position < count)
            {
                Buffer.BlockCopy(buffer, position, buffer, 0, filled - position);
                filled -= position;
                position = 0;
                int read;
                while (filled < count && left > 0 && (read = RandomAccess.Read(handle, buffer.AsSpan(filled, (int)Math.Min(buffer.Length - filled, left)), next)) > 0)
                {
                    filled += read;
                    left -= read;
                    next += read;
                }
                if (filled < count)
                    throw new EndOfStreamException("the file ends early");
            }
            var span = buffer.AsSpan(position, count);
            position += count;
            return span;
        }

        public byte[] Bytes(int count)
        {
            var bytes = new byte[count];
            int done = 0;
            while (done < count)
            {
                int part = Math.Min(buffer.Length, count - done);
                Next(part).CopyTo(bytes.AsSpan(done));
                done += part;
            }
            return bytes;
        }

        private ulong Count()
        {
            ulong value = 0;
            for (int shift = 0; shift < 64; shift += 7)
            {
                int b = position < filled ? buffer[position++] : Next(1)[0];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                    return value;
            }
            throw new InvalidDataException("a number is too long");
        }

        /// <summary>The bytes of the part not read yet.</summary>
        private long Remaining => left + (filled - position);

        /// <summary>
        /// How many items follow in the part: each takes a byte at least, so a count past the bytes left is a damaged file
        /// (refused before anything is allocated for it).
        /// </summary>
        public int ItemCount(string what)
        {
            int count = Int();
            return count >= 0 && count <= Remaining ? count : throw new InvalidDataException($"{what}: {count} items in {Remaining} bytes");
        }

        public long Long()
        {
            ulong zigzag = Count();
            return (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
        }

        public int Int() => checked((int)Long());

        public string InlineText()
        {
            ulong length = Count();
            if (length > (ulong)Remaining)
                throw new InvalidDataException($"a text of {length} bytes where {Remaining} are left");
            return length <= (ulong)buffer.Length
                ? Encoding.UTF8.GetString(Next((int)length))
                : Encoding.UTF8.GetString(Bytes((int)length));
        }

        private string? String()
        {
            ulong tag = Count();
            if (tag == NullText)
                return null;
            if (tag == FullText)
                return InlineText();
            ulong number = tag - TableBase;
            return number < (ulong)texts.Length ? texts[number] : throw new InvalidDataException("a text refers past the text table");
        }

        public string Text() => String() ?? throw new InvalidDataException("a required text is missing");
        public string? OptionalText() => String();

        public DateTime Instant()
        {
            long ticks = Long();
            return ticks >= 0 && ticks <= DateTime.MaxValue.Ticks ? new DateTime(ticks, DateTimeKind.Utc) : throw new InvalidDataException("an instant is out of range");
        }

        public DateTime? OptionalInstant() => Boolean() ? Instant() : null;

        public decimal Decimal()
        {
            var bytes = Next(16);
            Span<int> bits = stackalloc int[4];
            for (int i = 0; i < 4; i++)
                bits[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[(i * 4)..]);
            try
            {
                return new decimal(bits);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException("a decimal is malformed", e);
            }
        }

        public decimal? OptionalDecimal() => Boolean() ? Decimal() : null;
        public int Integer() => Int();
        public int? OptionalInteger() => Boolean() ? Int() : null;

        public bool Boolean() => Count() switch
        {
            0 => false,
            1 => true,
            _ => throw new InvalidDataException("a flag is neither 0 nor 1"),
        };
    }
}
