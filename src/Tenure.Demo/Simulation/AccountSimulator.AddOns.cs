using Tenure.Metrics.Inputs;

namespace Tenure.Demo.Simulation;

internal sealed partial class AccountSimulator
{
    /// <summary>Add-on products, billed monthly beside the base plan: flat (per account) or per seat.</summary>
    private static readonly (string Plan, bool PerSeat, decimal[] PriceBySegment)[] AddOns =
    [
        ("premium-support", false, [99m, 249m, 799m]),
        ("analytics-addon", true, [12m, 12m, 10m]),
        ("sso-addon", true, [4m, 4m, 3m]),
    ];

    private readonly List<DateTime> acceptedCrossSells = [];

    /// <summary>
    /// Add-on subscriptions (each its own subscription id): some bought with the contract, others
    /// when a cross-sell offer is accepted. An add-on is cancelled now and then (a contraction)
    /// and always ends with the account's paying span (so on churn every row ends the same day).
    /// </summary>
    private void SimulateAddOns()
    {
        foreach (var span in payingSpans)
        {
            var end = Min(span.End, asOf);
            var busyUntil = new DateTime[AddOns.Length];
            if (rng.Chance(segment switch { Smb => 0.36, MidMarket => 0.6, _ => 0.75 }))
                RunAddOn(rng.Next(AddOns.Length), span.Start, span, busyUntil);
            foreach (var accepted in acceptedCrossSells)
            {
                if (accepted >= span.Start && accepted < end)
                    RunAddOn(rng.Next(AddOns.Length), accepted, span, busyUntil);
            }
        }
    }

    private void RunAddOn(int product, DateTime start, Span span, DateTime[] busyUntil)
    {
        if (start < busyUntil[product] || start >= asOf)
            return;
        var (plan, perSeat, prices) = AddOns[product];
        var price = prices[segment];
        var quantity = !perSeat ? 1 : segment switch
        {
            Smb => rng.Between(1, 5),
            MidMarket => rng.Between(5, 30),
            _ => rng.Between(30, 200),
        };
        var perMonthRows = rng.Chance(0.9);
        var id = world.SubscriptionIds.Next();
        var rowStart = start;
        for (var k = 1; ; k++)
        {
            var monthStart = start.AddMonths(k - 1);
            var monthEnd = start.AddMonths(k);
            EmitInvoice(monthStart, price * quantity, InvoiceKind.Recurring, null);
            var h = Health(monthStart);
            var cancelled = rng.Chance(0.01 + (0.05 * (1 - h) * (1 - h)));
            if (monthEnd >= span.End || cancelled || monthEnd >= asOf)
            {
                DateTime? rowEnd = monthEnd >= span.End ? (span.Ended ? span.End : null)
                    : monthEnd >= asOf ? null
                    : monthEnd;
                batch.SubscriptionList.Add(new SubscriptionPeriod(id, accountId, plan, rowStart, rowEnd, price, BillingInterval.Month, quantity, 0m, Vocabulary.Currency));
                busyUntil[product] = rowEnd ?? DateTime.MaxValue;
                return;
            }
            if (perMonthRows)
            {
                batch.SubscriptionList.Add(new SubscriptionPeriod(id, accountId, plan, rowStart, monthEnd, price, BillingInterval.Month, quantity, 0m, Vocabulary.Currency));
                rowStart = monthEnd;
            }
        }
    }
}
