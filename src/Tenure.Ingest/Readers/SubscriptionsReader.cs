using Tenure.Ingest.Csv;
using Tenure.Ingest.Fields;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Readers;

/// <summary>subscriptions.csv: one service period of a subscription per row, keyed by (subscription_id, start_date).</summary>
internal static class SubscriptionsReader
{
    // Positions in the description's columns (InputKinds.Subscriptions).
    private const int SubscriptionId = 0, AccountId = 1, Plan = 2, StartDate = 3, EndDate = 4, Amount = 5,
        Interval = 6, Quantity = 7, Discount = 8, Currency = 9;

    private static readonly ColumnSet Columns = new(InputKinds.Subscriptions);

    private static readonly EnumNames<BillingInterval> Intervals = new(
        ("day", BillingInterval.Day), ("week", BillingInterval.Week), ("month", BillingInterval.Month),
        ("quarter", BillingInterval.Quarter), ("year", BillingInterval.Year), ("term", BillingInterval.Term));

    public static CsvReadResult<SubscriptionPeriod> Read(TextReader reader, string fileName, AccountIndex? accounts, ReadOptions options)
    {
        var errors = new ErrorLog(fileName, options.MaxErrorsPerFile);
        var part = ReadPart(reader, 0, accounts, errors, options.ExpectedRows, stopWhenRegrouped: false);
        return errors.Result(part?.Periods ?? new RowBuffer<SubscriptionPeriod>(0));
    }

    /// <summary>Files at least this large are read in parallel chunks (<see cref="Chunks"/>).</summary>
    internal const long MinChunkBytes = 16L << 20;

    /// <summary>
    /// <see cref="Read(TextReader, string, AccountIndex?, ReadOptions)"/> of the file at <paramref name="path"/>, cut into up to
    /// <paramref name="chunkCount"/> chunks of at least <paramref name="minChunkBytes"/> read in parallel when it can be
    /// (<see cref="Chunks"/>): the same periods, in the same order, and the same errors.
    /// </summary>
    internal static CsvReadResult<SubscriptionPeriod> Read(string path, string fileName, AccountIndex? accounts, ReadOptions options, int chunkCount, long minChunkBytes)
    {
        if (Chunks.Split(path, fileName, options, chunkCount, minChunkBytes) is not { } chunks)
            return ReadWhole(path, fileName, accounts, options);
        Parallel.For(0, chunks.Count, InParallel.Here(), k => chunks.Read(k, accounts));
        return chunks.Merge(accounts);
    }

    private static CsvReadResult<SubscriptionPeriod> ReadWhole(string path, string fileName, AccountIndex? accounts, ReadOptions options)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        using var reader = new StreamReader(stream, CsvInputReader.StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        return Read(reader, fileName, accounts, options);
    }

    /// <summary>
    /// subscriptions.csv cut into chunks of whole lines (<see cref="FileChunks"/>), each cut where the subscription_id
    /// changes, read as separate pieces of work on any threads (<see cref="Read"/>) and joined in chunk order
    /// (<see cref="Merge"/>). A (subscription_id, start_date) repeated in two chunks could only be told by comparing
    /// them, so the chunks are kept only when no subscription_id is in two of them, as in a file that gives each
    /// subscription's periods together (an export by subscription); otherwise the file is read whole, from the start,
    /// and a chunk that finds a subscription_id come back after another stops early. Either way the periods, their order
    /// and the errors (with the file's line numbers) are those of one sequential read.
    /// </summary>
    internal sealed class Chunks : IChunkedFile
    {
        private readonly string path;
        private readonly FileChunks chunks;
        private readonly string fileName;
        private readonly ReadOptions options;
        private readonly Part?[] parts;
        private readonly ErrorLog[] logs;
        private int regrouped; // 1 once a chunk found a subscription_id come back after another

        private Chunks(string path, FileChunks chunks, string fileName, ReadOptions options)
        {
            this.path = path;
            this.chunks = chunks;
            this.fileName = fileName;
            this.options = options;
            parts = new Part?[chunks.Count];
            logs = new ErrorLog[chunks.Count];
        }

        /// <summary>The file at <paramref name="path"/> cut into up to <paramref name="chunkCount"/> chunks of at least <paramref name="minChunkBytes"/>; null when it is not worth cutting or cannot be cut (<see cref="FileChunks.Split"/>).</summary>
        public static Chunks? Split(string path, string fileName, ReadOptions options, int chunkCount, long minChunkBytes) =>
            FileChunks.Split(path, chunkCount, minChunkBytes, SubscriptionIdField) is { } chunks ? new Chunks(path, chunks, fileName, options) : null;

        public int Count => chunks.Count;

        /// <summary>How many bytes of the file chunk <paramref name="chunk"/> holds.</summary>
        public long Bytes(int chunk) => chunks.Bytes(chunk);

        /// <summary>Reads chunk <paramref name="chunk"/>; every chunk is read once, each on one thread at a time.</summary>
        public void Read(int chunk, AccountIndex? accounts)
        {
            logs[chunk] = new ErrorLog(fileName, options.MaxErrorsPerFile);
            if (Volatile.Read(ref regrouped) != 0)
                return; // the file is read whole (Merge)
            using var reader = new StreamReader(chunks.Open(chunk), CsvInputReader.StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            var part = ReadPart(reader, chunks.LinesBefore(chunk), accounts, logs[chunk], chunks.Lines(chunk) + 1, stopWhenRegrouped: true); // + 1: a last line without a break
            if (part is { Regrouped: true })
                Volatile.Write(ref regrouped, 1);
            parts[chunk] = part;
        }

        KindReadResult IChunkedFile.Finish(AccountIndex? accounts) => KindReadResult.Of(InputKinds.Subscriptions, Merge(accounts));

        /// <summary>The periods of the whole file, once every chunk was read: the chunks' in order, or the file read whole when a subscription_id is in two chunks or comes back within one.</summary>
        public CsvReadResult<SubscriptionPeriod> Merge(AccountIndex? accounts)
        {
            if (Volatile.Read(ref regrouped) != 0 || InTwoChunks())
                return ReadWhole(path, fileName, accounts, options with { ExpectedRows = chunks.AllLines });
            // Every chunk starts with the same header: its errors are reported once, as a sequential read would.
            for (var k = 0; k < parts.Length; k++)
            {
                if (parts[k] is null)
                    return logs[k].Result(new RowBuffer<SubscriptionPeriod>(0));
            }
            var errors = new ErrorLog(fileName, options.MaxErrorsPerFile);
            foreach (var log in logs)
            {
                foreach (var error in log.Errors)
                    errors.Add(error.Line, error.Column, error.Message);
            }
            var all = new RowBuffer<SubscriptionPeriod>(errors.Count > 0 ? 0 : parts.Sum(p => p!.Periods.Count));
            if (errors.Count == 0)
            {
                foreach (var part in parts)
                    all.AddAll(part!.Periods);
            }
            return errors.Result(all);
        }

        /// <summary>Whether a subscription_id of one chunk is also in an earlier one.</summary>
        private bool InTwoChunks()
        {
            for (var k = 1; k < parts.Length; k++)
            {
                if (parts[k] is not { } part)
                    continue;
                for (var i = 0; i < part.Ids.Count; i++)
                {
                    var id = part.Ids[i];
                    for (var j = 0; j < k; j++)
                    {
                        if (parts[j] is { } earlier && earlier.Ids.TryFind(id, out _))
                            return true;
                    }
                }
            }
            return false;
        }

        /// <summary>Where subscription_id is in a line of the file with <paramref name="header"/> (UTF-8, no quotes); -1 when it is not named once.</summary>
        private static int SubscriptionIdField(ReadOnlySpan<byte> header)
        {
            var text = CsvInputReader.StrictUtf8.GetString(header).TrimStart('\uFEFF').TrimEnd('\n', '\r');
            var names = text.Split(',');
            var found = -1;
            for (var i = 0; i < names.Length; i++)
            {
                if (Columns.Lookup.TryGetValue(names[i].AsSpan().Trim(), out var column) && column == SubscriptionId)
                {
                    if (found >= 0)
                        return -1;
                    found = i;
                }
            }
            return found;
        }
    }

    /// <summary>The periods of one reader (a file or a chunk of one) and its subscription ids; <paramref name="Regrouped"/> when it stopped at a subscription_id that came back after another.</summary>
    private sealed record Part(RowBuffer<SubscriptionPeriod> Periods, StringPool Ids, bool Regrouped);

    /// <summary>
    /// Reads the periods of one reader; null when its header is unusable (logged). With <paramref name="stopWhenRegrouped"/>
    /// (a chunk), stops at the first row whose subscription_id came before another's (the file does not give each
    /// subscription's periods together).
    /// </summary>
    private static Part? ReadPart(TextReader reader, int linesBefore, AccountIndex? accounts, ErrorLog errors, int expectedRows, bool stopWhenRegrouped)
    {
        var periods = new RowBuffer<SubscriptionPeriod>(expectedRows);
        using var rows = CsvRows.Open(reader, Columns, errors, linesBefore);
        if (rows is null)
            return null;

        var accountRefs = new AccountRefs(accounts);
        // A subscription has several periods, so its id repeats.
        var subscriptionIds = new StringPool();
        var labels = new StringPool();
        // Keyed by pool index and ticks: comparing two numbers is far cheaper than a string per row.
        var keys = new OrderedFirstLines();
        int lastSubscription = -1;
        // The period added last, and the text of its terms: a row repeating that text takes its terms (ADR 0425).
        var terms = new RepeatedFields(Plan, Amount, Interval, Quantity, Discount, Currency);
        SubscriptionPeriod? last = null;
        while (rows.Read())
        {
            // A subscription's periods mostly come one after another: the previous row's id is compared first (its string
            // is at hand), before a lookup in the pool, whose table of every subscription is far in memory.
            int subscription;
            if (lastSubscription >= 0 && subscriptionIds.Is(lastSubscription, rows.Span(SubscriptionId)))
            {
                subscription = lastSubscription;
            }
            else
            {
                int known = subscriptionIds.Count;
                subscription = rows.RequiredIndex(SubscriptionId, subscriptionIds);
                if (stopWhenRegrouped && subscription >= 0 && subscription < known)
                    return new Part(periods, subscriptionIds, Regrouped: true);
            }
            lastSubscription = subscription;
            string subscriptionId = subscription < 0 ? "" : subscriptionIds[subscription];
            string accountId = rows.RequiredAccount(AccountId, accountRefs);
            var start = rows.RequiredInstant(StartDate);
            var same = last is not null && terms.Repeat(rows) ? last : null;
            decimal amount = same?.Amount ?? rows.RequiredAmount(Amount, InputLimits.Money);
            var interval = same?.Interval ?? rows.RequiredEnum(Interval, Intervals);
            var plan = same is null ? rows.OptionalText(Plan, labels) : same.Plan;
            var end = rows.OptionalInstant(EndDate);
            decimal quantity = same?.Quantity ?? rows.OptionalAmount(Quantity, InputLimits.Quantity, whenBlank: 1m);
            decimal discount = same?.Discount ?? rows.OptionalAmount(Discount, InputLimits.Money, whenBlank: 0m);
            var currency = same is null ? rows.OptionalText(Currency, labels) : same.Currency;

            if (end <= start && rows.Valid(StartDate))
                rows.Error(EndDate, $"{CsvRows.Shown(rows.Span(EndDate))} must be after start_date {CsvRows.Shown(rows.Span(StartDate))} (end_date is exclusive)");
            if (interval == BillingInterval.Term && end is null && rows.Valid(Interval) && rows.Valid(EndDate))
                rows.Error(EndDate, "a term subscription needs an end_date");
            if (subscription >= 0 && rows.Valid(StartDate) && !keys.TryAdd(subscription, start.Ticks, rows.Line, out int firstLine))
                rows.Duplicate(SubscriptionId, $"(subscription_id, start_date) ('{subscriptionId}', {CsvRows.Shown(rows.Span(StartDate))})", firstLine);

            if (rows.RowHasErrors)
                continue;
            // A copy of the period before with this row's own fields: its terms object shared, not looked up again.
            last = same is not null
                ? same with { SubscriptionId = subscriptionId, AccountId = accountId, Start = start, End = end }
                : new SubscriptionPeriod(subscriptionId, accountId, plan, start, end, amount, interval, quantity, discount, currency);
            if (same is null)
                terms.Keep(rows);
            periods.Add(last);
        }
        return new Part(periods, subscriptionIds, Regrouped: false);
    }
}
