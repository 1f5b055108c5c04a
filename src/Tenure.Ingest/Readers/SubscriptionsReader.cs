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

    public static CsvReadResult<SubscriptionPeriod> Read(CsvText text, string fileName, AccountIndex? accounts, ReadOptions options)
    {
        var errors = new ErrorLog(fileName, options.MaxErrorsPerFile);
        var part = ReadPart(text, 0, accounts, errors, options.ExpectedRows, stopWhenRegrouped: false);
        return errors.Result(part?.Periods ?? new RowBuffer<SubscriptionPeriod>(0));
    }

    /// <summary>Files at least this large are read in parallel chunks (<see cref="Chunks"/>).</summary>
    internal const long MinChunkBytes = 16L << 20;

    /// <summary>
    /// <see cref="Read(CsvText, string, AccountIndex?, ReadOptions)"/> of the file at <paramref name="path"/>, cut into up to
    /// <paramref name="chunkCount"/> chunks of at least <paramref name="minChunkBytes"/> read in parallel when it can be
    /// (<see cref="Chunks"/>): the same periods, in the same order, and the same errors.
    /// </summary>
    internal static CsvReadResult<SubscriptionPeriod> Read(string path, string fileName, AccountIndex? accounts, ReadOptions options, int chunkCount, long minChunkBytes) =>
        ChunkedRows<SubscriptionPeriod>.ReadFile(Chunks.Split(path, fileName, options, chunkCount, minChunkBytes), path, reader => Read(reader, fileName, accounts, options), accounts);

    /// <summary>
    /// subscriptions.csv cut into chunks of whole lines (<see cref="FileChunks"/>), each cut where the subscription_id
    /// changes, read apart and joined in chunk order (<see cref="ChunkedRows{T}"/>). A (subscription_id, start_date)
    /// repeated in two chunks could only be told by comparing them, so the chunks are kept only when no subscription_id
    /// is in two of them, as in a file that gives each subscription's periods together (an export by subscription);
    /// otherwise the file is read whole, and a chunk that finds a subscription_id come back after another stops early.
    /// </summary>
    internal sealed class Chunks(string path, FileChunks chunks, string fileName, ReadOptions options)
        : ChunkedRows<SubscriptionPeriod>(path, chunks, fileName, options)
    {
        private readonly StringPool?[] ids = new StringPool?[chunks.Count];
        private int regrouped; // 1 once a chunk found a subscription_id come back after another

        /// <summary>The file at <paramref name="path"/> cut into up to <paramref name="chunkCount"/> chunks of at least <paramref name="minChunkBytes"/>; null when it is not worth cutting or cannot be cut (<see cref="FileChunks.Split"/>).</summary>
        public static Chunks? Split(string path, string fileName, ReadOptions options, int chunkCount, long minChunkBytes) =>
            FileChunks.Split(path, chunkCount, minChunkBytes, SubscriptionIdField) is { } chunks ? new Chunks(path, chunks, fileName, options) : null;

        protected override KindDescription<SubscriptionPeriod> Kind => InputKinds.Subscriptions;

        protected override bool Abandoned => Volatile.Read(ref regrouped) != 0;

        protected override RowBuffer<SubscriptionPeriod>? ReadChunk(int chunk, CsvText text, int linesBefore, AccountIndex? accounts, ErrorLog errors, int expectedRows)
        {
            var part = ReadPart(text, linesBefore, accounts, errors, expectedRows, stopWhenRegrouped: true);
            if (part is { Regrouped: true })
                Volatile.Write(ref regrouped, 1);
            ids[chunk] = part?.Ids;
            return part?.Periods;
        }

        /// <summary>Whether a subscription_id of one chunk is also in an earlier one.</summary>
        protected override bool ReadWholeInstead()
        {
            for (var k = 1; k < ids.Length; k++)
            {
                for (var i = 0; i < ids[k]!.Count; i++)
                {
                    var id = ids[k]![i];
                    for (var j = 0; j < k; j++)
                    {
                        if (ids[j]!.TryFind(id, out _))
                            return true;
                    }
                }
            }
            return false;
        }

        protected override CsvReadResult<SubscriptionPeriod> ReadWhole(TextReader reader, string fileName, AccountIndex? accounts, ReadOptions options) =>
            SubscriptionsReader.Read(reader, fileName, accounts, options);

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
    private static Part? ReadPart(CsvText text, int linesBefore, AccountIndex? accounts, ErrorLog errors, int expectedRows, bool stopWhenRegrouped)
    {
        var periods = new RowBuffer<SubscriptionPeriod>(expectedRows);
        using var rows = text.Open(Columns, errors, linesBefore);
        if (rows is null)
            return null;

        var accountRefs = new AccountRefs(accounts);
        // A subscription has several periods, so its id repeats.
        var subscriptionIds = new StringPool();
        var labels = new StringPool();
        // Keyed by pool index and ticks: comparing two numbers is far cheaper than a string per row. A chunk stops at a
        // subscription that comes back after another, so it keeps only the current subscription's keys.
        var keys = new OrderedFirstLines(groupsTogether: stopWhenRegrouped);
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
