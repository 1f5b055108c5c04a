namespace Tenure.Ingest.Importers.Stripe;

/// <summary>
/// Stripe's billing interval (day, week, month, year) and interval count ("every 3 months") as one
/// of Tenure's intervals and the factor that turns Stripe's price per interval into Tenure's amount
/// per interval, so the normalised MRR is the same (METRICS.md: quarter / 3, year / 12, ...).
/// </summary>
/// <remarks>
/// month x 1 -> month; month x 3 -> quarter; month x 12 -> year; month x n where n divides 12 ->
/// year at 12 / n times the price (every 6 months -> twice a year); any other month x n -> month at
/// price / n; year x n, week x n, day x n -> the same unit at price / n. A division that does not end
/// is carried to decimal's 28 digits; Tenure rounds normalised MRR to 9 decimals once.
/// </remarks>
internal static class StripeIntervals
{
    public static bool TryMap(ReadOnlySpan<char> unit, int count, out string interval, out decimal factor)
    {
        interval = "";
        factor = 1m;
        if (count < 1)
            return false;
        if (unit.Equals("month", StringComparison.OrdinalIgnoreCase))
        {
            (interval, factor) = count switch
            {
                1 => ("month", 1m),
                3 => ("quarter", 1m),
                12 => ("year", 1m),
                _ when 12 % count == 0 => ("year", 12m / count),
                _ => ("month", 1m / count),
            };
            return true;
        }
        foreach (var name in (ReadOnlySpan<string>)["day", "week", "year"])
        {
            if (unit.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                interval = name;
                factor = count == 1 ? 1m : 1m / count;
                return true;
            }
        }
        return false;
    }
}
