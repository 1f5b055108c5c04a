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
/// <param name="AddsUp">How the list equals the card: the number of accounts, the sum of the amounts or the sum of the counts.</param>
public sealed record DrillDefinition(
    string Id,
    string Title,
    string MetricId,
    MetricUnit AmountUnit,
    string AmountLabel,
    DrillTotal AddsUp);

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
