using Tenure.Ingest.Csv;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Readers;

/// <summary>
/// tickets.csv: one support case per row, keyed by ticket_id. first_response_at and resolved_at
/// must not be before created_at (either may be before the other: a ticket can be resolved unanswered).
/// reopens counts how often the ticket was reopened before its final solve (resolved_at); blank is 0.
/// requester_email, when given, must be one plain address (name@domain): the CSAT request is mailed to it.
/// </summary>
internal static class TicketsReader
{
    // Positions in the description's columns (InputKinds.Tickets).
    private const int TicketId = 0, AccountId = 1, CreatedAt = 2, FirstResponseAt = 3, ResolvedAt = 4, Contacts = 5,
        Escalated = 6, Agent = 7, Channel = 8, Status = 9, Blocked = 10, ParentTicketId = 11, IsMajor = 12,
        HandleMinutes = 13, Reopens = 14, RequesterEmail = 15;

    private static readonly ColumnSet Columns = new(InputKinds.Tickets);

    public static CsvReadResult<Ticket> Read(CsvText text, string fileName, AccountIndex? accounts, ReadOptions options)
    {
        var errors = new ErrorLog(fileName, options.MaxErrorsPerFile);
        var part = ReadPart(text, 0, accounts, errors, options.ExpectedRows);
        return errors.Result(part?.Tickets ?? new RowBuffer<Ticket>(0));
    }

    /// <summary>Files at least this large are read in parallel chunks (<see cref="Chunks"/>).</summary>
    internal const long MinChunkBytes = 16L << 20;

    /// <summary>
    /// <see cref="Read(CsvText, string, AccountIndex?, ReadOptions)"/> of the file at <paramref name="path"/>, cut into up to
    /// <paramref name="chunkCount"/> chunks of at least <paramref name="minChunkBytes"/> read in parallel when it can be
    /// (<see cref="Chunks"/>): the same tickets, in the same order, and the same errors.
    /// </summary>
    internal static CsvReadResult<Ticket> Read(string path, string fileName, AccountIndex? accounts, ReadOptions options, int chunkCount, long minChunkBytes) =>
        ChunkedRows<Ticket>.ReadFile(Chunks.Split(path, fileName, options, chunkCount, minChunkBytes), path, reader => Read(reader, fileName, accounts, options), accounts);

    /// <summary>
    /// tickets.csv cut into chunks of whole lines (<see cref="FileChunks"/>), read apart and joined in chunk order
    /// (<see cref="ChunkedRows{T}"/>): kept only when no ticket_id is in two chunks (a valid file), otherwise read whole.
    /// </summary>
    internal sealed class Chunks(string path, FileChunks chunks, string fileName, ReadOptions options)
        : ChunkedRows<Ticket>(path, chunks, fileName, options)
    {
        private readonly IdFirstLines?[] keys = new IdFirstLines?[chunks.Count];

        /// <summary>The file at <paramref name="path"/> cut into up to <paramref name="chunkCount"/> chunks of at least <paramref name="minChunkBytes"/>; null when it is not worth cutting or cannot be cut (<see cref="FileChunks.Split"/>).</summary>
        public static Chunks? Split(string path, string fileName, ReadOptions options, int chunkCount, long minChunkBytes) =>
            FileChunks.Split(path, chunkCount, minChunkBytes) is { } chunks ? new Chunks(path, chunks, fileName, options) : null;

        protected override KindDescription<Ticket> Kind => InputKinds.Tickets;

        protected override RowBuffer<Ticket>? ReadChunk(int chunk, CsvText text, int linesBefore, AccountIndex? accounts, ErrorLog errors, int expectedRows)
        {
            var part = ReadPart(text, linesBefore, accounts, errors, expectedRows);
            keys[chunk] = part?.Keys;
            return part?.Tickets;
        }

        protected override bool ReadWholeInstead()
        {
            for (var k = 1; k < keys.Length; k++)
            {
                for (var j = 0; j < k; j++)
                {
                    if (keys[k]!.SharesAnyWith(keys[j]!))
                        return true;
                }
            }
            return false;
        }

        protected override CsvReadResult<Ticket> ReadWhole(TextReader reader, string fileName, AccountIndex? accounts, ReadOptions options) =>
            TicketsReader.Read(reader, fileName, accounts, options);
    }

    /// <summary>The tickets of one reader (a file or a chunk of one) and the ticket ids it read, with their lines.</summary>
    private sealed record Part(RowBuffer<Ticket> Tickets, IdFirstLines Keys);

    /// <summary>Reads the tickets of one reader; null when its header is unusable (logged).</summary>
    private static Part? ReadPart(CsvText text, int linesBefore, AccountIndex? accounts, ErrorLog errors, int expectedRows)
    {
        var tickets = new RowBuffer<Ticket>(expectedRows);
        using var rows = text.Open(Columns, errors, linesBefore);
        if (rows is null)
            return null;

        var accountRefs = new AccountRefs(accounts);
        var labels = new StringPool();
        var addresses = new StringPool(); // requester_email's valid addresses only: one is not checked twice
        var keys = new IdFirstLines(expectedRows);
        while (rows.Read())
        {
            var ticketId = rows.RequiredRowId(TicketId, keys, out int repeatOf);
            string accountId = rows.RequiredAccount(AccountId, accountRefs);
            var createdAt = rows.RequiredInstant(CreatedAt);
            var firstResponseAt = rows.OptionalInstant(FirstResponseAt);
            var resolvedAt = rows.OptionalInstant(ResolvedAt);
            var contacts = rows.OptionalCount(Contacts);
            bool escalated = rows.Flag(Escalated);
            var agent = rows.OptionalText(Agent, labels);
            var channel = rows.OptionalText(Channel, labels);
            var status = rows.OptionalText(Status, labels);
            bool blocked = rows.Flag(Blocked);
            var parentTicketId = rows.OptionalText(ParentTicketId);
            bool isMajor = rows.Flag(IsMajor);
            var handleMinutes = rows.OptionalAmount(HandleMinutes, InputLimits.Quantity);
            int reopens = rows.OptionalCount(Reopens) ?? 0;
            var requesterEmail = rows.OptionalEmail(RequesterEmail, addresses);

            rows.NotBefore(FirstResponseAt, firstResponseAt, CreatedAt, createdAt);
            rows.NotBefore(ResolvedAt, resolvedAt, CreatedAt, createdAt);
            if (repeatOf > 0)
                rows.Duplicate(TicketId, $"ticket_id '{ticketId}'", repeatOf);

            if (rows.RowHasErrors)
                continue;
            tickets.Add(new Ticket(string.Empty, accountId, createdAt, firstResponseAt, resolvedAt, contacts, escalated,
                agent, channel, status, blocked, parentTicketId, isMajor, handleMinutes, reopens, requesterEmail)
            { Id = ticketId });
        }
        return new Part(tickets, keys);
    }
}
