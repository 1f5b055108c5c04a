using System.Globalization;

using Tenure.Metrics.Inputs;
using Tenure.Metrics.Reporting;

namespace Tenure.Web.Dashboards;

/// <summary>
/// Money as a finance person reads it on a card: whole units with thousands separators and the currency code
/// ("128,450 EUR"); tables and lists keep two decimals. The API's JSON and CSV keep full precision.
/// </summary>
public static class CardMoney
{
    /// <summary>The label used when accounts and subscriptions name more than one currency.</summary>
    public const string Mixed = ReportingCurrency.Mixed;

    /// <summary>
    /// The currency of the tenant's money figures (<see cref="ReportingCurrency.LabelOf"/>): the one code its
    /// accounts and subscriptions name, <see cref="Mixed"/> when they name several (the engine adds amounts as
    /// given, so say so), null when none.
    /// </summary>
    public static string? CurrencyOf(TenureDataSet data) => ReportingCurrency.LabelOf(data);

    /// <summary>"128,450 EUR" (rounded half away from zero to whole units); "n/a" for no value.</summary>
    public static string Whole(decimal? value, string? currency)
    {
        if (value is not { } v) return "n/a";
        var text = decimal.Round(v, 0, MidpointRounding.AwayFromZero).ToString("#,0", CultureInfo.InvariantCulture);
        return currency switch
        {
            null => text,
            Mixed => $"{text} ({Mixed})",
            _ => $"{text} {currency}",
        };
    }
}
