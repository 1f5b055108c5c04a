using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Tallies;

namespace Tenure.Metrics.Value;

/// <summary>
/// Retention and acquisition costs (costs.csv) summed per period. Costs name no account, so they have no segment:
/// a partition of the accounts holds them in one partition only (docs/scaling.md) and the merge adds them.
/// </summary>
public sealed class CostsPerPeriod : IPartialState<CostsPerPeriod>
{
    private CostsPerPeriod(decimal[] retention, decimal[] acquisition)
    {
        Retention = retention;
        Acquisition = acquisition;
    }

    /// <summary>Retention costs dated in each period.</summary>
    public IReadOnlyList<decimal> Retention { get; }

    /// <summary>Acquisition costs dated in each period.</summary>
    public IReadOnlyList<decimal> Acquisition { get; }

    public static CostsPerPeriod Build(MetricContext context)
    {
        var retention = new decimal[context.Periods.Count];
        var acquisition = new decimal[context.Periods.Count];
        foreach (var cost in context.Data.Costs)
        {
            var p = context.PeriodOf(cost.Date);
            if (p < 0) continue;
            if (cost.Kind == CostKind.Retention) retention[p] += cost.Amount;
            else acquisition[p] += cost.Amount;
        }
        return new CostsPerPeriod(retention, acquisition);
    }

    public CostsPerPeriod Plus(CostsPerPeriod other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new CostsPerPeriod(
            [.. Retention.Zip(other.Retention, (a, b) => a + b)],
            [.. Acquisition.Zip(other.Acquisition, (a, b) => a + b)]);
    }

    /// <summary>Costs have no segment: the same state.</summary>
    public CostsPerPeriod Realigned(int[] segmentMap, int segments) => this;
}
