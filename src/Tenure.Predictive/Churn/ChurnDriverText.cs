using System.Globalization;

namespace Tenure.Predictive.Churn;

/// <summary>
/// A feature builder value in words for a CSM ("no usage events in 30 days", "2 escalated tickets in
/// 90 days", "renewal in 20 days"). Columns the builder does not make are written "name = value".
/// </summary>
public static class ChurnDriverText
{
    /// <summary>The words for <paramref name="feature"/> = <paramref name="value"/> (a double, NaN when missing, or a string).</summary>
    public static string Of(string feature, object? value)
    {
        ArgumentNullException.ThrowIfNull(feature);
        if (value is string text)
        {
            var shown = text.Length == 0 ? "(none)" : text;
            return feature switch
            {
                "plan" => $"plan {shown}",
                "billing_interval" => text switch
                {
                    "month" => "billed monthly",
                    "year" => "billed yearly",
                    "quarter" => "billed quarterly",
                    "week" => "billed weekly",
                    "day" => "billed daily",
                    "term" => "on a fixed-term contract",
                    _ => $"billed per {shown}",
                },
                "segment" or "industry" or "region" => $"{feature} {shown}",
                _ => $"{feature} = {shown}",
            };
        }
        var v = value is double d ? d : value is float f ? f : double.NaN;
        var missing = double.IsNaN(v);
        var n = missing ? 0 : Math.Round(v, MidpointRounding.AwayFromZero);
        return feature switch
        {
            "tenure_days" => $"customer for {Duration(v)}",
            "account_age_days" => missing ? "account creation date unknown" : $"account created {Duration(v)} ago",
            "mrr" => $"MRR {Number(v)}",
            "mrr_change_30d" => Change(v, "30 days"),
            "mrr_change_90d" => Change(v, "90 days"),
            "expansions_90d" => Count(n, "expansion", "expansions") + " in 90 days",
            "contractions_90d" => Count(n, "contraction", "contractions") + " in 90 days",
            "previous_churns" => n == 0 ? "never churned before" : n == 1 ? "churned and came back once" : $"churned and came back {Number(n)} times",
            "days_to_renewal" => missing ? "renewal date unknown" : $"renewal in {Count(n, "day", "days")}",
            "usage_events_30d" => Count(n, "usage event", "usage events") + " in 30 days",
            "usage_events_prev_30d" => Count(n, "usage event", "usage events") + " in the 30 days before",
            "usage_trend" => Trend(v),
            "active_users_30d" => Count(n, "active user", "active users") + " in 30 days",
            "days_since_last_usage" => missing ? "never used the product" : n < 1 ? "used the product yesterday" : $"last usage {Count(n, "day", "days")} ago",
            "tickets_90d" => Count(n, "ticket", "tickets") + " in 90 days",
            "open_tickets" => Count(n, "open ticket", "open tickets"),
            "escalated_tickets_90d" => Count(n, "escalated ticket", "escalated tickets") + " in 90 days",
            "mean_resolution_hours_90d" => missing ? "no ticket resolved in 90 days" : $"tickets resolved in {Number(v)} hours on average",
            "last_nps" => missing ? "no NPS answer yet" : $"last NPS answer {Number(v)}",
            "nps_responses_365d" => Count(n, "NPS answer", "NPS answers") + " in a year",
            "satisfaction_180d" => missing ? "no CSAT answer in 180 days" : $"CSAT at {Number(v * 100)} % of the scale in 180 days",
            _ => missing ? $"{feature} unknown" : $"{feature} = {Number(v)}",
        };
    }

    private static string Number(double v) => Math.Round(v, MidpointRounding.AwayFromZero).ToString("#,0", CultureInfo.InvariantCulture);

    private static string Count(double n, string one, string many) =>
        n == 0 ? $"no {many}" : n == 1 ? $"1 {one}" : $"{Number(n)} {many}";

    private static string Duration(double days) =>
        double.IsNaN(days) ? "an unknown time"
        : days < 60 ? Count(Math.Round(days, MidpointRounding.AwayFromZero), "day", "days")
        : Count(Math.Round(days / (365.25 / 12), MidpointRounding.AwayFromZero), "month", "months");

    private static string Change(double v, string window) =>
        double.IsNaN(v) || Math.Round(v, 2) == 0 ? $"MRR unchanged in {window}"
        : v > 0 ? $"MRR up {Number(v)} in {window}" : $"MRR down {Number(-v)} in {window}";

    private static string Trend(double trend)
    {
        if (double.IsNaN(trend))
            return "usage trend unknown";
        var percent = Math.Round((trend - 1) * 100, MidpointRounding.AwayFromZero);
        return percent == 0 ? "usage steady on the previous 30 days"
            : percent > 0 ? $"usage up {Number(percent)} % on the previous 30 days"
            : $"usage down {Number(-percent)} % on the previous 30 days";
    }
}
