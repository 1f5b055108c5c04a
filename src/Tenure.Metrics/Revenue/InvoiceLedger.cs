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
        var grid = context.NewGrid<InvoiceTally>();
        var (invoices, offsets) = context.Accounts.GroupByAccount(context.Data.Invoices, i => i.AccountId);
        var lastCharged = new int[context.Periods.Count];
        for (var a = 0; a < context.Accounts.Count; a++)
        {
            if (offsets[a] == offsets[a + 1]) continue;
            var segment = context.SegmentOf(a);
            Array.Fill(lastCharged, 0);
            for (var i = offsets[a]; i < offsets[a + 1]; i++)
            {
                var invoice = invoices[i];
                var p = context.PeriodOf(invoice.Date);
                if (p < 0) continue;
                if (invoice.Kind == InvoiceKind.Refund)
                {
                    grid[p, segment] += new InvoiceTally(0m, invoice.Amount, 0, 0m, 0);
                    continue;
                }
                var expansion = invoice.Kind == InvoiceKind.OneOff
                    && invoice.Category is { } category && RevenueMetrics.ExpansionCategories.Contains(category)
                    && context.Coverage.PaidBefore(a, context.Periods[p].Start);
                var firstCharge = lastCharged[p]++ == 0;
                grid[p, segment] += new InvoiceTally(invoice.Amount, 0m, 1, expansion ? invoice.Amount : 0m, firstCharge ? 1 : 0);
            }
        }
        return grid;
    }
}
