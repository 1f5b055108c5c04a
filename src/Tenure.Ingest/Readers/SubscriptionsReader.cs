using Tenure.Ingest.Csv;
using Tenure.Ingest.Fields;
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
        var periods = new RowBuffer<SubscriptionPeriod>(options.ExpectedRows);
        using var rows = CsvRows.Open(reader, Columns, errors);
        if (rows is null)
            return errors.Result(periods);

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
            int subscription = lastSubscription >= 0 && subscriptionIds.Is(lastSubscription, rows.Span(SubscriptionId))
                ? lastSubscription
                : rows.RequiredIndex(SubscriptionId, subscriptionIds);
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
        return errors.Result(periods);
    }
}
