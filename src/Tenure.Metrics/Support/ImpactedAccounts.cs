using System.Numerics;

namespace Tenure.Metrics.Support;

/// <summary>
/// The distinct accounts touched by major cases. Distinct counts do not add, so the tally keeps the
/// account indexes and merges by union: "all" counts an account on two segments' major cases once.
/// </summary>
public readonly struct ImpactedAccounts : IAdditionOperators<ImpactedAccounts, ImpactedAccounts, ImpactedAccounts>
{
    private readonly IReadOnlySet<int>? accounts;

    public ImpactedAccounts(IReadOnlySet<int> accounts) => this.accounts = accounts;

    public int Count => accounts?.Count ?? 0;

    public static ImpactedAccounts operator +(ImpactedAccounts x, ImpactedAccounts y)
    {
        if (y.Count == 0) return x;
        if (x.Count == 0) return y;
        var union = new HashSet<int>(x.accounts!);
        union.UnionWith(y.accounts!);
        return new ImpactedAccounts(union);
    }
}
