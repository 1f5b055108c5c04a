using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Revenue;

/// <summary>
/// The invoices as the invoice ledger reads them, worked out once per data set (<see cref="DataSetDerivations"/>) because
/// no request changes them: grouped by account (<see cref="AccountDirectory.GroupByAccount"/>, each account's in input
/// order) and held as columns, so a request walks arrays in order instead of an invoice object scattered in memory each
/// (ADR 0225).
/// </summary>
internal sealed class InvoiceColumns
{
    private const string Key = "revenue/invoices";

    private InvoiceColumns(int[] offsets, DateTime[] dates, decimal[] amounts, InvoiceUse[] uses)
    {
        Offsets = offsets;
        Dates = dates;
        Amounts = amounts;
        Uses = uses;
    }

    /// <summary>The first invoice of each account index (length accounts + 1), as <see cref="AccountDirectory.GroupByAccount"/>'s.</summary>
    public int[] Offsets { get; }

    public DateTime[] Dates { get; }

    public decimal[] Amounts { get; }

    public InvoiceUse[] Uses { get; }

    public static InvoiceColumns Of(TenureDataSet data) => DataSetDerivations.GetOrAdd(data, Key, Build);

    private static InvoiceColumns Build(TenureDataSet data)
    {
        var shared = SharedDerivations.Of(data);
        var (grouped, offsets) = shared.Accounts.GroupByAccount(data.Invoices, InputKinds.Invoices.AccountIdOf!);
        // A segment's columns are the whole data set's of its accounts, when the whole's are built already.
        if (shared.Narrowed is { } narrowing && SharedDerivations.Of(narrowing.Whole).Built<InvoiceColumns>(Key) is { } whole
            && Narrow(whole, narrowing.WholeAccountOf, offsets) is { } narrowed)
        {
            return narrowed;
        }
        var dates = new DateTime[grouped.Length];
        var amounts = new decimal[grouped.Length];
        var uses = new InvoiceUse[grouped.Length];
        for (var i = 0; i < grouped.Length; i++)
        {
            var invoice = grouped[i];
            dates[i] = invoice.Date;
            amounts[i] = invoice.Amount;
            uses[i] = invoice.Kind == InvoiceKind.Refund ? InvoiceUse.Refund
                : invoice.Kind == InvoiceKind.OneOff && invoice.Category is { } category && RevenueMetrics.ExpansionCategories.Contains(category)
                    ? InvoiceUse.ExpansionCharge
                    : InvoiceUse.Charge;
        }
        return new InvoiceColumns(offsets, dates, amounts, uses);
    }

    /// <summary>
    /// The columns of a segment's invoices (grouped by the segment's accounts at <paramref name="offsets"/>) copied from
    /// <paramref name="whole"/>'s, the whole data set's, account by account (<paramref name="wholeAccountOf"/>), reading no
    /// invoice; null when an account's invoices are not all of the whole's for it.
    /// </summary>
    private static InvoiceColumns? Narrow(InvoiceColumns whole, int[] wholeAccountOf, int[] offsets)
    {
        var count = offsets[^1];
        var columns = new InvoiceColumns(offsets, new DateTime[count], new decimal[count], new InvoiceUse[count]);
        var same = AccountDirectory.ForEachAccountAsInWhole(offsets, whole.Offsets, wholeAccountOf, (a, w) =>
        {
            var (start, from, n) = (offsets[a], whole.Offsets[w], offsets[a + 1] - offsets[a]);
            Array.Copy(whole.Dates, from, columns.Dates, start, n);
            Array.Copy(whole.Amounts, from, columns.Amounts, start, n);
            Array.Copy(whole.Uses, from, columns.Uses, start, n);
        });
        return same ? columns : null;
    }
}

/// <summary>How the invoice ledger counts an invoice.</summary>
internal enum InvoiceUse : byte
{
    /// <summary>A charge (recurring, or a one-off outside the expansion categories).</summary>
    Charge,

    /// <summary>A one-off charge in an expansion category: expansion revenue when the account paid before the period.</summary>
    ExpansionCharge,

    Refund,
}
