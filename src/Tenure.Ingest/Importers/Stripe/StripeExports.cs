namespace Tenure.Ingest.Importers.Stripe;

/// <summary>
/// The Stripe Dashboard's CSV exports Tenure reads (Customers, Coupons, Subscriptions, Invoices:
/// each list's Export button), recognised by the name Stripe gives the download.
/// </summary>
internal static class StripeExports
{
    public static IReadOnlyList<ExportFileKind> Files { get; } =
    [
        new("the Stripe customers export", ".csv", ["customers"], 0, StripeCustomers.Map),
        new("the Stripe coupons export", ".csv", ["coupons"], 1, StripeCoupons.Map),
        new("the Stripe subscriptions export", ".csv", ["subscriptions"], 2, StripeSubscriptions.Map),
        new("the Stripe invoices export", ".csv", ["invoices"], 3, StripeInvoices.Map),
    ];

    /// <summary>Stripe writes each metadata key as a column "key (metadata)"; Tenure does not map them.</summary>
    public static bool IsMetadata(string column) => column.EndsWith("(metadata)", StringComparison.OrdinalIgnoreCase);
}
