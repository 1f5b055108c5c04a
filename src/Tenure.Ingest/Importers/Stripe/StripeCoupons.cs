using Tenure.Ingest.Csv;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Importers.Stripe;

/// <summary>How long a Stripe coupon applies (its duration).</summary>
internal enum CouponDuration { Once, Repeating, Forever }

/// <summary>A Stripe coupon: a percentage or a fixed amount off each invoice, for a duration.</summary>
internal sealed record StripeCoupon(string Id, decimal? PercentOff, decimal? AmountOff, string? Currency, CouponDuration Duration, int? DurationInMonths, ExportOrigin Origin);

/// <summary>The coupons read in an import, by id, for the subscriptions export's Coupon column.</summary>
internal sealed class StripeCouponBook
{
    public Dictionary<string, StripeCoupon> ById { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether a coupons export was given.</summary>
    public bool Given { get; set; }
}

/// <summary>
/// Stripe's coupons export: not records of its own, but the discounts the subscriptions export's
/// Coupon column refers to (docs/importers.md "Discounts").
/// </summary>
internal static class StripeCoupons
{
    private const int Id = 0, PercentOff = 1, AmountOff = 2, Currency = 3, Duration = 4, DurationInMonths = 5;

    public static readonly ExportFormat Format = new(
        "the Stripe coupons export",
        [
            InputColumn.Key("id"), InputColumn.Optional("Percent Off", InputValue.Amount), InputColumn.Optional("Amount Off", InputValue.Amount),
            InputColumn.Optional("Currency"), InputColumn.Key("Duration", InputValue.Choice), InputColumn.Optional("Duration In Months", InputValue.Count),
        ],
        ["Name", "Created (UTC)", "Max Redemptions", "Redeem By (UTC)", "Times Redeemed", "Valid", "Applies To"],
        StripeExports.IsMetadata);

    public static void Map(ExportSource source, MappedData data)
    {
        var book = data.Shared<StripeCouponBook>();
        book.Given = true;
        var coupons = book.ById;
        ExportCsv.Read(source, Format, data, (rows, origin) =>
        {
            string id = rows.RequiredText(Id);
            var percent = rows.OptionalAmount(PercentOff, 100m);
            var amount = rows.OptionalAmount(AmountOff, InputLimits.Money);
            var currency = ExportCsv.Currency(rows, Currency);
            var duration = DurationOf(rows);
            var months = rows.OptionalCount(DurationInMonths);
            if (percent is null && amount is null && rows.Valid(PercentOff) && rows.Valid(AmountOff))
                rows.Error(PercentOff, "a coupon needs Percent Off or Amount Off");
            if (percent is not null && amount is not null)
                rows.Error(AmountOff, "a coupon has Percent Off or Amount Off, not both");
            if (amount is not null && currency is null && rows.Valid(Currency))
                rows.Error(Currency, "an Amount Off coupon needs its currency");
            if (duration == CouponDuration.Repeating && months is null or 0 && rows.Valid(DurationInMonths))
                rows.Error(DurationInMonths, "a repeating coupon needs Duration In Months (1 or more)");
            if (id.Length > 0 && coupons.TryGetValue(id, out var first))
                rows.Error(Id, $"duplicate coupon id '{id}' (first on line {first.Origin.Line})");
            if (rows.RowHasErrors)
                return;
            coupons[id] = new StripeCoupon(id, percent, amount, currency, duration, months, origin);
        });
    }

    private static CouponDuration DurationOf(CsvRows rows)
    {
        var s = rows.Span(Duration);
        if (s.Equals("once", StringComparison.OrdinalIgnoreCase))
            return CouponDuration.Once;
        if (s.Equals("repeating", StringComparison.OrdinalIgnoreCase))
            return CouponDuration.Repeating;
        if (s.Equals("forever", StringComparison.OrdinalIgnoreCase))
            return CouponDuration.Forever;
        rows.Error(Duration, s.IsEmpty ? "value is required" : $"'{CsvRows.Shown(s)}' is not a Stripe coupon duration (once, repeating, forever)");
        return CouponDuration.Forever;
    }
}
