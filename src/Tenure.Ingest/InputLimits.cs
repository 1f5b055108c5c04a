using System.Globalization;

namespace Tenure.Ingest;

/// <summary>
/// The largest values a numeric input column accepts (docs/input-formats.md "Ranges", ADR 0080).
/// Every column whose values are summed has one, so no stored data set can overflow the engine's
/// checked decimal arithmetic (decimal holds up to about 7.9 x 10^28).
/// </summary>
/// <remarks>
/// The argument: a row's money is at most 10^12 and a quantity at most 10^7, so one subscription
/// period charges at most 10^12 x 10^7 = 10^19 an interval, and at most 10^19 x 365/12 = 3.1 x 10^20
/// a month once normalised (a daily plan is the largest factor). A sum over 2.5 x 10^8 such periods
/// (far beyond any tenant) stays under 7.9 x 10^28. Money columns summed without a quantity
/// (invoices, costs, discounts, acquisition costs) reach at most 10^21 over a billion rows, and
/// minutes 10^16. What a bound per row cannot rule out (a term of a few seconds spreading a large
/// charge, a ratio over a tiny denominator) the engine reports as a data error naming the metric,
/// never a crash.
/// </remarks>
public static class InputLimits
{
    /// <summary>The largest money amount a row may hold: 10^12 (a trillion in any currency).</summary>
    public const decimal Money = 1_000_000_000_000m;

    /// <summary>The largest quantity (seats, units) or duration in minutes a row may hold: 10^7.</summary>
    public const decimal Quantity = 10_000_000m;

    /// <summary>"1,000,000,000,000": a limit as people read it in an error message.</summary>
    public static string Shown(decimal limit) => limit.ToString("#,0", CultureInfo.InvariantCulture);
}
