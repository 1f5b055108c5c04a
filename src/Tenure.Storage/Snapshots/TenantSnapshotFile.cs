using System.Buffers.Binary;
using System.Text;

using Microsoft.Extensions.Logging;

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
/// as one string each, as a database load pools them. A file is written to a temporary name and renamed into place:
/// readers see a whole old file or a whole new one. A file that cannot be read (cut short, another format) is ignored.
/// </remarks>
public static class TenantSnapshotFile
{
    /// <summary>Bumped when the layout changes; the build identity below also changes with every build.</summary>
    private const int FormatVersion = 1;

    private static readonly byte[] Magic = "TENURE-SNAPSHOT\n"u8.ToArray();

    /// <summary>The build of the record types and the tables that write them: a file of another build is not read.</summary>
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
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger?.LogWarning("The tenant snapshot {Path} cannot be opened ({Message}); the tenant is loaded from the database.", path, e.Message);
            return null;
        }
        using (stream)
        {
            try
            {
                using var input = new SnapshotReader(stream);
                if (!input.Bytes(Magic.Length).SequenceEqual(Magic) || input.Int() != FormatVersion || input.String() != Build)
                    return null;
                var stored = new Identity(input.String()!, input.String()!, input.Long(), (InputKind)input.Int());
                if (stored != identity)
                    return null;
                var data = new TenureDataSet { Present = identity.Present };
                foreach (var table in StoredTables.All)
                    data = ReadKind(input, table, data);
                if (input.Boolean())
                {
                    var sends = new List<SurveySend>(input.Int());
                    for (int i = sends.Capacity; i > 0; i--)
                        sends.Add(new SurveySend(input.Text(), input.Text(), input.Text(), input.Instant(), input.OptionalText()));
                    data = data with { SurveySends = sends };
                }
                return input.Int() == EndMark ? data : null;
            }
            catch (Exception e) when (e is EndOfStreamException or InvalidDataException or IOException or DecoderFallbackException or OverflowException)
            {
                logger?.LogWarning("The tenant snapshot {Path} is unreadable ({Message}); the tenant is loaded from the database.", path, e.Message);
                return null;
            }
        }
    }

    /// <summary>
    /// Writes <paramref name="data"/> (exactly the tenant's data at <paramref name="identity"/>'s version) to
    /// <paramref name="path"/>: to a temporary file first, renamed over the old one when complete. Returns whether it was
    /// written; a failure (disk full, no permission) is logged and leaves any earlier file as it was.
    /// </summary>
    public static bool Write(string path, Identity identity, TenureDataSet data, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(data);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 20))
            {
                var output = new SnapshotWriter(stream);
                output.Bytes(Magic);
                output.Int(FormatVersion);
                output.String(Build);
                output.String(identity.Tenant);
                output.String(identity.CreatedAt);
                output.Long(identity.DataVersion);
                output.Int((int)identity.Present);
                foreach (var table in StoredTables.All)
                    WriteKind(output, table, data);
                output.Boolean(data.SurveySends is not null);
                if (data.SurveySends is { } sends)
                {
                    output.Int(sends.Count);
                    foreach (var send in sends)
                    {
                        output.Text(send.SendId);
                        output.Text(send.Survey);
                        output.Text(send.AccountId);
                        output.Instant(send.SentAt);
                        output.OptionalText(send.ResponseId);
                    }
                }
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

    private static void WriteKind(SnapshotWriter output, KindTable table, TenureDataSet data)
    {
        switch (table)
        {
            case AccountsTable t: WriteRows(output, t, data); break;
            case SubscriptionsTable t: WriteRows(output, t, data); break;
            case InvoicesTable t: WriteRows(output, t, data); break;
            case AccountUsersTable t: WriteRows(output, t, data); break;
            case UsageDaysTable t: WriteRows(output, t, data); break;
            case SurveysTable t: WriteRows(output, t, data); break;
            case TicketsTable t: WriteRows(output, t, data); break;
            case CostsTable t: WriteRows(output, t, data); break;
            case OffersTable t: WriteRows(output, t, data); break;
            case ReferralsTable t: WriteRows(output, t, data); break;
            case MilestonesTable t: WriteRows(output, t, data); break;
            case ProgramsTable t: WriteRows(output, t, data); break;
            case TasksTable t: WriteRows(output, t, data); break;
            case NotesTable t: WriteRows(output, t, data); break;
            default: throw new InvalidOperationException($"No snapshot layout for table {table.Name}.");
        }
    }

    private static TenureDataSet ReadKind(SnapshotReader input, KindTable table, TenureDataSet data) => table switch
    {
        AccountsTable t => ReadRows(input, t, data),
        SubscriptionsTable t => ReadRows(input, t, data),
        InvoicesTable t => ReadRows(input, t, data),
        AccountUsersTable t => ReadRows(input, t, data),
        UsageDaysTable t => ReadRows(input, t, data),
        SurveysTable t => ReadRows(input, t, data),
        TicketsTable t => ReadRows(input, t, data),
        CostsTable t => ReadRows(input, t, data),
        OffersTable t => ReadRows(input, t, data),
        ReferralsTable t => ReadRows(input, t, data),
        MilestonesTable t => ReadRows(input, t, data),
        ProgramsTable t => ReadRows(input, t, data),
        TasksTable t => ReadRows(input, t, data),
        NotesTable t => ReadRows(input, t, data),
        _ => throw new InvalidOperationException($"No snapshot layout for table {table.Name}."),
    };

    private static void WriteRows<T>(SnapshotWriter output, KindTable<T> table, TenureDataSet data)
    {
        var rows = table.RowsOf(data);
        output.Int((int)table.Kind);
        output.Int(rows.Count);
        foreach (var row in rows)
            table.Write(row, output);
    }

    private static TenureDataSet ReadRows<T>(SnapshotReader input, KindTable<T> table, TenureDataSet data)
    {
        if (input.Int() != (int)table.Kind)
            throw new InvalidDataException($"the rows of {table.Name} are not where they belong");
        int count = input.Int();
        if (count < 0)
            throw new InvalidDataException($"{table.Name} has {count} rows");
        var rows = new List<T>(count);
        for (int i = 0; i < count; i++)
            rows.Add(table.Read(input));
        return ((KindDescription<T>)table.Description).WithRows(data, rows);
    }

    // Texts: 0 = null; 1 = a text written in full and not pooled; 2 = a text written in full, pooled under the next
    // number; n >= 3 = the pooled text n - 3.
    private const int NullText = 0, LongText = 1, NewText = 2, PooledBase = 3;

    /// <summary>The longest text pooled (ids, codes); longer ones (comments, notes) are written each time.</summary>
    private const int MaxPooledLength = TextPool.MaxPooledLength;

    private sealed class SnapshotWriter(Stream stream) : IRowWriter
    {
        private readonly Dictionary<string, int> pooled = new(StringComparer.Ordinal);
        private readonly byte[] buffer = new byte[1 << 16];
        private int used;

        public void Flush()
        {
            stream.Write(buffer, 0, used);
            used = 0;
            stream.Flush();
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

        public void Count(ulong value)
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

        public void String(string? value)
        {
            if (value is null)
            {
                Count(NullText);
                return;
            }
            if (value.Length <= MaxPooledLength && pooled.TryGetValue(value, out int number))
            {
                Count((ulong)(number + PooledBase));
                return;
            }
            if (value.Length <= MaxPooledLength && pooled.Count < TextPool.MaxEntries)
            {
                pooled.Add(value, pooled.Count);
                Count(NewText);
            }
            else
            {
                Count(LongText);
            }
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

    private sealed class SnapshotReader(Stream stream) : IRowReader, IDisposable
    {
        private readonly List<string> pooled = [];
        private readonly byte[] buffer = new byte[1 << 16];
        private int position, filled;

        public void Dispose() => stream.Dispose();

        /// <summary>The next <paramref name="count"/> bytes (at most the buffer's size) as a span valid until the next read.</summary>
        private ReadOnlySpan<byte> Next(int count)
        {
            if (filled - position < count)
            {
                Buffer.BlockCopy(buffer, position, buffer, 0, filled - position);
                filled -= position;
                position = 0;
                int read;
                while (filled < count && (read = stream.Read(buffer, filled, buffer.Length - filled)) > 0)
                    filled += read;
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

        public ulong Count()
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

        public long Long()
        {
            ulong zigzag = Count();
            return (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
        }

        public int Int() => checked((int)Long());

        public string? String()
        {
            ulong tag = Count();
            if (tag == NullText)
                return null;
            if (tag >= PooledBase)
            {
                ulong number = tag - PooledBase;
                return number < (ulong)pooled.Count ? pooled[(int)number] : throw new InvalidDataException("a text refers to one not yet read");
            }
            ulong length = Count();
            if (length > int.MaxValue)
                throw new InvalidDataException("a text is too long");
            var text = length <= (ulong)buffer.Length
                ? Encoding.UTF8.GetString(Next((int)length))
                : Encoding.UTF8.GetString(Bytes((int)length));
            if (tag == NewText)
                pooled.Add(text);
            return text;
        }

        public string Text() => String() ?? throw new InvalidDataException("a required text is missing");
        public string? OptionalText() => String();

        public DateTime Instant()
        {
            long ticks = Long();
            return ticks is >= 0 and <= 3155378975999999999 ? new DateTime(ticks, DateTimeKind.Utc) : throw new InvalidDataException("an instant is out of range");
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
