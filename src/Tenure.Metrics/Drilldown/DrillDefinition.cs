using Tenure.Metrics.Catalogue;

namespace Tenure.Metrics.Drilldown;

/// <summary>
/// A number that can be opened to the accounts behind it: its id (a metric id, or a part of one
/// such as "nps-detractors"), the metric card it belongs to, what each account's amount is and how
/// the list adds up to the card.
/// </summary>
/// <param name="Id">The drill id (query parameter <c>drill</c>).</param>
/// <param name="Title">What the list is: "Churned customers".</param>
/// <param name="MetricId">The catalogue metric whose card opens this list.</param>
/// <param name="AmountUnit">The unit of <see cref="DrilledAccount.Amount"/> (money, or a count).</param>
/// <param name="AmountLabel">The column header of the amount: "Churned MRR", "Open tickets".</param>
/// <param name="AddsUp">What the list sums to: the number of accounts, the sum of the amounts or the sum of the counts.</param>
/// <remarks>
/// A drill-down states what its list sums to and checks it only against the same kind of figure on the card:
/// the card's value when the card counts or sums the same things (<see cref="CardPart"/> null), or one part of
/// the card's breakdown (<see cref="CardPart"/>: "detractors" of the NPS card, "blocked" of the backlog). A card
/// whose value is of another kind (NPS points beside a count of answers) is never compared with the list.
/// </remarks>
public sealed record DrillDefinition(
    string Id,
    string Title,
    string MetricId,
    MetricUnit AmountUnit,
    string AmountLabel,
    DrillTotal AddsUp)
{
    /// <summary>The key of the card's breakdown that the list's total equals (null: the card's value itself).</summary>
    public string? CardPart { get; init; }

    /// <summary>What the summed counts are, for <see cref="DrillTotal.Count"/>: "detractor answers", "tickets".</summary>
    public string? CountName { get; init; }

    /// <summary>The whole the list is a part of, from the card's denominator: "NPS responses" (null: none stated).</summary>
    public string? WholeName { get; init; }

    /// <summary>What the list's total is, in words: "accounts", "Churned MRR", "detractor answers".</summary>
    public string TotalName => AddsUp switch
    {
        DrillTotal.Accounts => "accounts",
        DrillTotal.Amount => AmountLabel,
        _ => CountName ?? AmountLabel.ToLowerInvariant(),
    };
}

/// <summary>Which total of a drilled list equals the metric card.</summary>
public enum DrillTotal
{
    /// <summary>The number of accounts listed (customers, new customers, major-case impact).</summary>
    Accounts,
    /// <summary>The sum of the amounts (MRR movements).</summary>
    Amount,
    /// <summary>The sum of the per-account counts (upsells, tickets, backlog, NPS answers).</summary>
    Count,
}

/// <summary>One account behind a number: its amount (money or a count, per <see cref="DrillDefinition.AmountUnit"/>) and how many records or movements make it up.</summary>
public sealed record DrilledAccount(string AccountId, decimal Amount, int Count);
