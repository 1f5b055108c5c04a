using Tenure.Ingest.Csv;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Importers.Stripe;

/// <summary>
/// Stripe's subscriptions export -> subscriptions.csv, one paying period per subscription item
/// (docs/importers.md "Stripe subscriptions"): the paid part starts at the trial's end, ends when
/// the subscription ended or is set to end, and carries the coupon's discount; trialing, incomplete
/// and incomplete_expired subscriptions have no paid part yet, so they add no MRR.
/// </summary>
internal static class StripeSubscriptions
{
    private const int Id = 0, CustomerId = 1, Plan = 2, Product = 3, Quantity = 4, Currency = 5, Interval = 6,
        IntervalCount = 7, Amount = 8, Status = 9, Created = 10, Start = 11, StartDate = 12, CurrentPeriodEnd = 13,
        TrialEnd = 14, CanceledAt = 15, CancelAtPeriodEnd = 16, CancelAt = 17, EndedAt = 18, Coupon = 19;

    public static readonly ExportFormat Format = new(
        "the Stripe subscriptions export",
        [
            InputColumn.Key("id"), InputColumn.Key("Customer ID"), InputColumn.Optional("Plan"), InputColumn.Optional("Product"),
            InputColumn.Optional("Quantity", InputValue.Amount), InputColumn.Optional("Currency"), InputColumn.Key("Interval", InputValue.Choice),
            InputColumn.Optional("Interval Count", InputValue.Count), InputColumn.Key("Amount", InputValue.Amount), InputColumn.Key("Status", InputValue.Choice),
            InputColumn.Optional("Created (UTC)", InputValue.Instant), InputColumn.Optional("Start (UTC)", InputValue.Instant),
            InputColumn.Optional("Start Date (UTC)", InputValue.Instant), InputColumn.Optional("Current Period End (UTC)", InputValue.Instant),
            InputColumn.Optional("Trial End (UTC)", InputValue.Instant), InputColumn.Optional("Canceled At (UTC)", InputValue.Instant),
            InputColumn.Optional("Cancel At Period End", InputValue.Flag), InputColumn.Optional("Cancel At (UTC)", InputValue.Instant),
            InputColumn.Optional("Ended At (UTC)", InputValue.Instant), InputColumn.Optional("Coupon"),
        ],
        [
            "Customer Description", "Customer Email", "Customer Name", "Current Period Start (UTC)", "Trial Start (UTC)",
            "Application Fee Percent", "Tax Percent", "Cancellation Reason", "Cancellation Comment", "Cancellation Feedback",
            "Billing", "Collection Method", "Days Until Due", "Latest Invoice ID", "Default Payment Method",
        ],
        StripeExports.IsMetadata);

    private sealed record Item(
        ExportOrigin Origin, string Id, string Customer, string? Plan, string PlanColumn, decimal Quantity, string? Currency,
        string Interval, decimal Factor, decimal Amount, DateTime Start, string StartColumn, DateTime? End, string? EndColumn,
        StripeCoupon? Coupon);

    public static void Map(ExportSource source, MappedData data)
    {
        var book = data.Shared<StripeCouponBook>();
        var items = new List<Item>();
        ExportCsv.Read(source, Format, data, (rows, origin) =>
        {
            if (Read(rows, origin, book) is { } item)
                items.Add(item);
        });

        var periods = data.Of(InputKinds.Subscriptions);
        var itemsPerSubscription = items.CountBy(i => i.Id).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            // A subscription with several items has a row per item; each is a period of its own.
            int n = seen[item.Id] = seen.GetValueOrDefault(item.Id) + 1;
            string subscriptionId = itemsPerSubscription[item.Id] == 1 ? item.Id : $"{item.Id}:{item.Plan ?? n.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            decimal amount = item.Amount * item.Factor;
            decimal discount = DiscountOf(item, amount);
            var coupon = item.Coupon;
            if (coupon is { Duration: CouponDuration.Repeating, DurationInMonths: int months } && discount > 0)
            {
                // The discount ends after its months; the rest of the period is paid in full.
                var discountEnd = item.Start.AddMonths(months);
                if (item.End is null || discountEnd < item.End)
                {
                    Add(periods, item, subscriptionId, amount, discount, item.Start, item.StartColumn, discountEnd, "Coupon");
                    Add(periods, item, subscriptionId, amount, 0m, discountEnd, "Coupon", item.End, item.EndColumn);
                    continue;
                }
            }
            Add(periods, item, subscriptionId, amount, discount, item.Start, item.StartColumn, item.End, item.EndColumn);
        }
    }

    private static void Add(MappedKind periods, Item item, string subscriptionId, decimal amount, decimal discount, DateTime start, string startColumn, DateTime? end, string? endColumn) =>
        periods.Add(item.Origin)
            .Set("subscription_id", subscriptionId, "id")
            .Set("account_id", item.Customer, "Customer ID")
            .Set("plan", item.Plan, item.PlanColumn)
            .Set("start_date", start, startColumn)
            .Set("end_date", end, endColumn)
            .Set("amount", amount, "Amount")
            .Set("interval", item.Interval, "Interval")
            .Set("quantity", item.Quantity, "Quantity")
            .Set("discount", discount, "Coupon")
            .Set("currency", item.Currency, "Currency");

    /// <summary>
    /// The coupon's discount per Tenure interval: a percentage of the price x quantity, or the fixed
    /// amount off each Stripe invoice; a once-only coupon lowers one invoice, not the recurring revenue.
    /// </summary>
    private static decimal DiscountOf(Item item, decimal amount) => item.Coupon switch
    {
        null or { Duration: CouponDuration.Once } => 0m,
        { PercentOff: decimal percent } => amount * item.Quantity * percent / 100m,
        { AmountOff: decimal off } => off * item.Factor,
        _ => 0m,
    };

    private static Item? Read(CsvRows rows, ExportOrigin origin, StripeCouponBook book)
    {
        string id = rows.RequiredText(Id);
        string customer = rows.RequiredText(CustomerId);
        var (plan, planColumn) = ExportCsv.FirstOf(rows, Plan, Product);
        decimal quantity = rows.OptionalAmount(Quantity, InputLimits.Quantity, whenBlank: 1m);
        var currency = ExportCsv.Currency(rows, Currency);
        int count = rows.OptionalCount(IntervalCount) ?? 1;
        decimal amount = rows.RequiredAmount(Amount, InputLimits.Money);
        string interval = "";
        decimal factor = 1m;
        var unit = rows.Span(Interval);
        if (unit.IsEmpty)
            rows.Error(Interval, "value is required");
        else if (rows.Valid(IntervalCount) && !StripeIntervals.TryMap(unit, count, out interval, out factor))
            rows.Error(count < 1 ? IntervalCount : Interval, count < 1
                ? "the interval count must be 1 or more"
                : $"'{CsvRows.Shown(unit)}' is not a Stripe interval (day, week, month, year)");

        var (start, startColumn) = ExportCsv.FirstInstantOf(rows, StartDate, Start, Created);
        if (startColumn < 0)
            rows.Error(Created, "a subscription needs its start: Start Date (UTC), Start (UTC) or Created (UTC)");
        var trialEnd = rows.OptionalInstant(TrialEnd);
        var endedAt = rows.OptionalInstant(EndedAt);
        var cancelAt = rows.OptionalInstant(CancelAt);
        var canceledAt = rows.OptionalInstant(CanceledAt);
        var periodEnd = rows.OptionalInstant(CurrentPeriodEnd);
        bool cancelAtPeriodEnd = rows.Flag(CancelAtPeriodEnd);
        var coupon = CouponOf(rows, book, currency);

        // When the paid part ends: it ended, it is set to end, or (cancel at period end) the current period's end.
        (DateTime? end, int endColumn) = endedAt is not null ? (endedAt, EndedAt)
            : cancelAt is not null ? (cancelAt, CancelAt)
            : cancelAtPeriodEnd && periodEnd is not null ? (periodEnd, CurrentPeriodEnd)
            : (null, -1);
        bool pays = false;
        var status = rows.Span(Status);
        switch (status.ToString().ToLowerInvariant())
        {
            case "active" or "past_due" or "unpaid":
                pays = true;
                break;
            case "canceled":
                pays = true;
                if (end is null && canceledAt is not null)
                    (end, endColumn) = (canceledAt, CanceledAt);
                if (end is null && rows.Valid(EndedAt) && rows.Valid(CanceledAt))
                    rows.Error(EndedAt, "a canceled subscription needs Ended At (UTC) or Canceled At (UTC)");
                break;
            case "trialing" or "incomplete" or "incomplete_expired":
                // Not paid yet (a trial, or a first payment that never went through): no MRR.
                break;
            case "paused":
                rows.Error(Status, "Tenure cannot place a paused subscription: the export does not say when the pause began (resume it, or end it with Ended At (UTC), before exporting)");
                break;
            case "":
                rows.Error(Status, "value is required");
                break;
            default:
                rows.Error(Status, $"'{CsvRows.Shown(status)}' is not a Stripe subscription status Tenure can place (active, past_due, unpaid, canceled, trialing, incomplete, incomplete_expired)");
                break;
        }
        if (rows.RowHasErrors || !pays || start is null)
            return null;

        // A trial is not paid: the paid part starts when it ends.
        var (paidStart, paidStartColumn) = trialEnd > start ? (trialEnd.Value, "Trial End (UTC)") : (start.Value, rows.Name(startColumn));
        if (end <= paidStart)
            return null; // ended during the trial: never paid
        return new Item(origin, id, customer, plan, planColumn >= 0 ? rows.Name(planColumn) : "Plan", quantity, currency, interval, factor, amount,
            paidStart, paidStartColumn, end, endColumn >= 0 ? rows.Name(endColumn) : null, coupon);
    }

    private static StripeCoupon? CouponOf(CsvRows rows, StripeCouponBook book, string? currency)
    {
        var id = rows.OptionalText(Coupon);
        if (id is null)
            return null;
        if (!book.Given)
        {
            rows.Error(Coupon, $"coupon '{CsvRows.Shown(id)}': give the Stripe coupons export (coupons.csv) too, so its discount is known");
            return null;
        }
        if (!book.ById.TryGetValue(id, out var coupon))
        {
            rows.Error(Coupon, $"unknown coupon '{CsvRows.Shown(id)}' (not in the Stripe coupons export)");
            return null;
        }
        if (coupon.AmountOff is not null && currency is not null && !string.Equals(coupon.Currency, currency, StringComparison.OrdinalIgnoreCase))
            rows.Error(Coupon, $"coupon '{CsvRows.Shown(id)}' takes {coupon.AmountOff} {coupon.Currency} off, but the subscription is in {currency}");
        return coupon;
    }
}
