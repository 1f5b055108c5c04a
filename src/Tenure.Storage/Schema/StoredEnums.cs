using Tenure.Metrics.Inputs;

namespace Tenure.Storage.Schema;

/// <summary>
/// Enums are stored as text, spelled as in the input files (month, one_off, retention, 0-10), so
/// the database reads like the CSV and reordering an enum never changes stored meaning.
/// </summary>
internal static class StoredEnums
{
    public static string Text(BillingInterval value) => value switch
    {
        BillingInterval.Day => "day",
        BillingInterval.Week => "week",
        BillingInterval.Month => "month",
        BillingInterval.Quarter => "quarter",
        BillingInterval.Year => "year",
        BillingInterval.Term => "term",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, null),
    };

    public static BillingInterval ParseBillingInterval(string text) => text switch
    {
        "day" => BillingInterval.Day,
        "week" => BillingInterval.Week,
        "month" => BillingInterval.Month,
        "quarter" => BillingInterval.Quarter,
        "year" => BillingInterval.Year,
        "term" => BillingInterval.Term,
        _ => throw Unknown("interval", text),
    };

    public static string Text(InvoiceKind value) => value switch
    {
        InvoiceKind.Recurring => "recurring",
        InvoiceKind.OneOff => "one_off",
        InvoiceKind.Refund => "refund",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, null),
    };

    public static InvoiceKind ParseInvoiceKind(string text) => text switch
    {
        "recurring" => InvoiceKind.Recurring,
        "one_off" => InvoiceKind.OneOff,
        "refund" => InvoiceKind.Refund,
        _ => throw Unknown("invoice kind", text),
    };

    public static string Text(CostKind value) => value switch
    {
        CostKind.Retention => "retention",
        CostKind.Acquisition => "acquisition",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, null),
    };

    public static CostKind ParseCostKind(string text) => text switch
    {
        "retention" => CostKind.Retention,
        "acquisition" => CostKind.Acquisition,
        _ => throw Unknown("cost kind", text),
    };

    public static string Text(Scale value) => value.Format();

    public static Scale ParseScale(string text) =>
        Scales.TryParse(text, out var scale) ? scale : throw Unknown("scale", text);

    static InvalidDataException Unknown(string what, string text) =>
        new($"The database holds an unknown {what} '{text}'.");
}
