using System.Runtime.CompilerServices;

using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Tallies;

namespace Tenure.Metrics.Revenue;

/// <summary>
/// Invoiced revenue per period and segment: charges (recurring and one-off), refunds, the number of
/// charges, distinct accounts charged, and one-off expansion invoices (upsell, cross_sell, add_on) of
/// accounts that were paying customers before the period.
/// </summary>
public static class InvoiceLedger
{
    public static PeriodSegmentGrid<InvoiceTally> Build(MetricContext context)
    {
        var columns = InvoiceColumns.Of(context.Data);
        var grid = context.NewGrid<InvoiceTally>();
        var lastCharged = new int[context.Periods.Count];
        // One account after the other, in the directory's order: a cell's amounts are added in the same order on every run.
        for (var a = 0; a < context.Accounts.Count; a++)
            TallyAccount(context, columns, a, grid, lastCharged);
        return grid;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TallyAccount(MetricContext context, InvoiceColumns columns, int a, PeriodSegmentGrid<InvoiceTally> grid, int[] lastCharged)
    {
        var offsets = columns.Offsets;
        if (offsets[a] == offsets[a + 1]) return;
        var segment = context.SegmentOf(a);
        Array.Fill(lastCharged, 0);
        for (var i = offsets[a]; i < offsets[a + 1]; i++)
        {
            var p = context.PeriodOf(columns.Dates[i]);
            if (p < 0) continue;
            var amount = columns.Amounts[i];
            var use = columns.Uses[i];
            if (use == InvoiceUse.Refund)
            {
                grid[p, segment] += new InvoiceTally(0m, amount, 0, 0m, 0);
                continue;
            }
            var expansion = use == InvoiceUse.ExpansionCharge && context.Coverage.PaidBefore(a, context.Periods[p].Start);
            var firstCharge = lastCharged[p]++ == 0;
            grid[p, segment] += new InvoiceTally(amount, 0m, 1, expansion ? amount : 0m, firstCharge ? 1 : 0);
        }
    }
}
