using System.Numerics;

using Tenure.Metrics.Tallies;

namespace Tenure.Metrics.Revenue;

/// <summary>Invoiced revenue of a set of accounts over one period; mergeable.</summary>
public readonly record struct InvoiceTally(
    decimal Charges,
    decimal Refunds,
    int ChargeCount,
    decimal ExpansionOneOffs,
    int AccountsCharged)
    : IAdditionOperators<InvoiceTally, InvoiceTally, InvoiceTally>
{
    /// <summary>Revenue invoiced: charges minus refunds.</summary>
    public decimal Revenue => Charges - Refunds;

    public static InvoiceTally operator +(InvoiceTally x, InvoiceTally y) => new(
        DecimalSum.Add(x.Charges, y.Charges),
        DecimalSum.Add(x.Refunds, y.Refunds),
        checked(x.ChargeCount + y.ChargeCount),
        DecimalSum.Add(x.ExpansionOneOffs, y.ExpansionOneOffs),
        checked(x.AccountsCharged + y.AccountsCharged));
}
