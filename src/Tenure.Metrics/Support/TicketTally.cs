using System.Numerics;

namespace Tenure.Metrics.Support;

/// <summary>
/// Ticket counts of a set of accounts over one period. Each count says which instant puts a ticket in
/// the period. Distinct-account counts merge by adding because every account is in one segment.
/// </summary>
public readonly record struct TicketTally : IAdditionOperators<TicketTally, TicketTally, TicketTally>
{
    /// <summary>Tickets created in the period.</summary>
    public int Created { get; init; }

    /// <summary>Tickets created in the period, resolved (at any time in the data) with exactly one contact.</summary>
    public int FirstContactResolved { get; init; }

    /// <summary>Tickets resolved in the period.</summary>
    public int Resolved { get; init; }

    /// <summary>Tickets resolved in the period that were reopened before their final solve (reopens &gt; 0).</summary>
    public int ReopenedResolved { get; init; }

    /// <summary>The reopens of the tickets resolved in the period, summed.</summary>
    public int Reopens { get; init; }

    /// <summary>Distinct accounts with a ticket created in the period.</summary>
    public int AccountsWithTicket { get; init; }

    /// <summary>Distinct accounts with an escalated ticket created in the period.</summary>
    public int AccountsEscalated { get; init; }

    /// <summary>Child tickets of the major tickets created in the period (counted with their major ticket).</summary>
    public int MajorCaseChildren { get; init; }

    public static TicketTally operator +(TicketTally x, TicketTally y) => new()
    {
        Created = checked(x.Created + y.Created),
        FirstContactResolved = checked(x.FirstContactResolved + y.FirstContactResolved),
        Resolved = checked(x.Resolved + y.Resolved),
        ReopenedResolved = checked(x.ReopenedResolved + y.ReopenedResolved),
        Reopens = checked(x.Reopens + y.Reopens),
        AccountsWithTicket = checked(x.AccountsWithTicket + y.AccountsWithTicket),
        AccountsEscalated = checked(x.AccountsEscalated + y.AccountsEscalated),
        MajorCaseChildren = checked(x.MajorCaseChildren + y.MajorCaseChildren),
    };
}
