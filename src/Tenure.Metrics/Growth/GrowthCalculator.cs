using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Tallies;

using static Tenure.Metrics.Growth.GrowthMetrics;

namespace Tenure.Metrics.Growth;

/// <summary>Upsell conversion from offers and the referral rate from referrals and the subscription ledger.</summary>
public sealed class GrowthCalculator : IMetricCalculator
{
    public MetricArea Area => MetricArea.Growth;

    public void Compute(MetricContext context, MetricSink sink)
    {
        var data = context.Data;
        if (data.Has(InputKind.Offers) && context.IsRequested(UpsellConversionRate))
        {
            var offers = context.NewGrid<RatioTally>();
            var accounts = context.Accounts.AccountIndexes(data.Offers, InputKinds.Offers.AccountIdOf!);
            for (var o = 0; o < data.Offers.Count; o++)
            {
                var offer = data.Offers[o];
                var p = context.PeriodOf(offer.PresentedAt);
                if (p >= 0)
                    offers[p, context.Segments.OfIndex(accounts[o])] += new RatioTally(offer.AcceptedAt is null ? 0m : 1m, 1m);
            }
            sink.Emit(UpsellConversionRate, offers, t => UpsellConversionRateOf(t.Numerator, t.Denominator));
        }

        if (data.Has(InputKind.Referrals | InputKind.Subscriptions) && context.IsRequested(ReferralRate))
        {
            var referring = ReferringAccounts(context);
            var customers = context.Ledger.Tallies;
            sink.Emit(ReferralRate, referring, customers, (referring, customers, p, s) => s < 0
                ? ReferralRateOf(referring.All(p), customers.All(p).Closing)
                : ReferralRateOf(referring[p, s], customers[p, s].Closing));
        }
    }

    /// <summary>Per period and segment: distinct accounts with a referral dated in the period.</summary>
    private static PeriodSegmentGrid<int> ReferringAccounts(MetricContext context)
    {
        var grid = context.NewGrid<int>();
        var (referrals, offsets) = context.Accounts.GroupByAccount(context.Data.Referrals, InputKinds.Referrals.AccountIdOf!);
        var lastCounted = new int[context.Periods.Count];
        Array.Fill(lastCounted, -1);
        for (var a = 0; a < context.Accounts.Count; a++)
        {
            for (var i = offsets[a]; i < offsets[a + 1]; i++)
            {
                var p = context.PeriodOf(referrals[i].Date);
                if (p < 0 || lastCounted[p] == a) continue;
                lastCounted[p] = a;
                grid[p, context.SegmentOf(a)]++;
            }
        }
        return grid;
    }
}
