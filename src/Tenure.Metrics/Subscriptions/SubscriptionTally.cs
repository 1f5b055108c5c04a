using System.Numerics;

using Tenure.Metrics.Tallies;

namespace Tenure.Metrics.Subscriptions;

/// <summary>
/// Customer counts and MRR movements of a set of accounts over one period. Mergeable: the tally of
/// two disjoint sets of accounts is the sum of their tallies (segments, chunks, shards).
/// </summary>
public readonly record struct SubscriptionTally : IAdditionOperators<SubscriptionTally, SubscriptionTally, SubscriptionTally>
{
    /// <summary>S: customers at the opening (active just before the period starts).</summary>
    public int Opening { get; init; }

    /// <summary>E: customers at the close (active just before the period ends).</summary>
    public int Closing { get; init; }

    /// <summary>N: accounts whose first paying period ever starts in the period.</summary>
    public int New { get; init; }

    /// <summary>Accounts that stop being active in the period and are not active at its close.</summary>
    public int Churned { get; init; }

    /// <summary>Churned accounts that were customers at the opening (in S).</summary>
    public int ChurnedFromOpening { get; init; }

    /// <summary>Accounts that became active again in the period after having churned before.</summary>
    public int Reactivated { get; init; }

    public decimal OpeningMrr { get; init; }
    public decimal ClosingMrr { get; init; }
    public decimal NewMrr { get; init; }
    public decimal ReactivationMrr { get; init; }
    public decimal ExpansionMrr { get; init; }
    public decimal ContractionMrr { get; init; }
    public decimal ChurnedMrr { get; init; }

    /// <summary>Number of expansion movements (upsells).</summary>
    public int Expansions { get; init; }

    /// <summary>Number of contraction movements (downgrades).</summary>
    public int Contractions { get; init; }

    /// <summary>Expansion MRR of accounts that were customers at the opening (for NRR).</summary>
    public decimal OpeningBaseExpansionMrr { get; init; }

    /// <summary>Contraction MRR of accounts that were customers at the opening (for NRR, GRR).</summary>
    public decimal OpeningBaseContractionMrr { get; init; }

    /// <summary>Churned MRR of accounts that were customers at the opening (for NRR, GRR).</summary>
    public decimal OpeningBaseChurnedMrr { get; init; }

    /// <summary>Contracts (quarterly, yearly, term) whose end or anniversary falls in the period.</summary>
    public int UpForRenewal { get; init; }

    /// <summary>Of those, the ones the account renewed.</summary>
    public int Renewed { get; init; }

    /// <summary>
    /// This tally plus <paramref name="count"/> accounts that were customers through the whole period with no change, at
    /// MRRs adding up to <paramref name="mrr"/> (in S and E, their MRR in both; nothing else): the most common
    /// account-period, added without the other fields' sums.
    /// </summary>
    public SubscriptionTally WithCustomersThroughout(int count, decimal mrr) => this with
    {
        Opening = checked(Opening + count),
        Closing = checked(Closing + count),
        OpeningMrr = OpeningMrr + mrr,
        ClosingMrr = ClosingMrr + mrr,
    };

    public static SubscriptionTally operator +(SubscriptionTally x, SubscriptionTally y) => new()
    {
        Opening = checked(x.Opening + y.Opening),
        Closing = checked(x.Closing + y.Closing),
        New = checked(x.New + y.New),
        Churned = checked(x.Churned + y.Churned),
        ChurnedFromOpening = checked(x.ChurnedFromOpening + y.ChurnedFromOpening),
        Reactivated = checked(x.Reactivated + y.Reactivated),
        OpeningMrr = DecimalSum.Add(x.OpeningMrr, y.OpeningMrr),
        ClosingMrr = DecimalSum.Add(x.ClosingMrr, y.ClosingMrr),
        NewMrr = DecimalSum.Add(x.NewMrr, y.NewMrr),
        ReactivationMrr = DecimalSum.Add(x.ReactivationMrr, y.ReactivationMrr),
        ExpansionMrr = DecimalSum.Add(x.ExpansionMrr, y.ExpansionMrr),
        ContractionMrr = DecimalSum.Add(x.ContractionMrr, y.ContractionMrr),
        ChurnedMrr = DecimalSum.Add(x.ChurnedMrr, y.ChurnedMrr),
        Expansions = checked(x.Expansions + y.Expansions),
        Contractions = checked(x.Contractions + y.Contractions),
        OpeningBaseExpansionMrr = DecimalSum.Add(x.OpeningBaseExpansionMrr, y.OpeningBaseExpansionMrr),
        OpeningBaseContractionMrr = DecimalSum.Add(x.OpeningBaseContractionMrr, y.OpeningBaseContractionMrr),
        OpeningBaseChurnedMrr = DecimalSum.Add(x.OpeningBaseChurnedMrr, y.OpeningBaseChurnedMrr),
        UpForRenewal = checked(x.UpForRenewal + y.UpForRenewal),
        Renewed = checked(x.Renewed + y.Renewed),
    };

    /// <summary>Retained customers: S minus the churned accounts that were in S.</summary>
    public int Retained => Opening - ChurnedFromOpening;

    /// <summary>new + reactivation + expansion - contraction - churn.</summary>
    public decimal NetNewMrr => NewMrr + ReactivationMrr + ExpansionMrr - ContractionMrr - ChurnedMrr;
}
