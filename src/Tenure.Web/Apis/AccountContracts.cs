namespace Tenure.Web.Apis;

/// <summary>One row of the accounts list: the account's attributes and its figures at asOf.</summary>
public sealed record AccountListItem(
    string AccountId,
    string Name,
    string? Csm,
    string? Plan,
    string? Segment,
    string? Industry,
    string? Region,
    DateTime CreatedAt,
    decimal Mrr,
    DateTime? NextRenewal,
    int OpenTickets,
    int? Nps);

/// <summary>A page of the accounts list: <see cref="Total"/> counts every account matching the filters.</summary>
public sealed record AccountPage(IReadOnlyList<AccountListItem> Items, int Total, int Page, int PageSize, DateTime AsOf);

/// <summary>GET /api/v1/accounts/{id}: the account, its figures at asOf and its history.</summary>
public sealed record AccountDetail(
    string AccountId,
    string Name,
    string? Csm,
    string? Plan,
    string? Segment,
    string? Industry,
    string? Region,
    DateTime CreatedAt,
    decimal? AcquisitionCost,
    string? Currency,
    DateTime AsOf,
    decimal Mrr,
    DateTime? NextRenewal,
    int OpenTickets,
    int? Nps,
    IReadOnlyList<AccountSubscription> Subscriptions,
    IReadOnlyList<AccountMrrMonth> MrrHistory,
    IReadOnlyList<AccountTicket> Tickets,
    IReadOnlyList<AccountSurveyAnswer> Surveys,
    AccountUsageReport Usage);

/// <summary>A subscription period; <see cref="Mrr"/> is its normalised MRR, <see cref="Active"/> whether it covers asOf.</summary>
public sealed record AccountSubscription(
    string SubscriptionId,
    string? Plan,
    DateTime Start,
    DateTime? End,
    decimal Amount,
    string Interval,
    decimal Quantity,
    decimal Discount,
    string? Currency,
    decimal Mrr,
    bool Active);

/// <summary>The account's closing MRR of a calendar month ("2024-05").</summary>
public sealed record AccountMrrMonth(string Month, decimal Mrr);

public sealed record AccountTicket(
    string TicketId,
    DateTime CreatedAt,
    DateTime? FirstResponseAt,
    DateTime? ResolvedAt,
    string? Status,
    string? Agent,
    string? Channel,
    bool Escalated,
    bool Blocked,
    bool IsMajor,
    bool Open);

/// <summary>A survey answer with its comment, verbatim (escape it when showing it as HTML).</summary>
public sealed record AccountSurveyAnswer(
    string ResponseId,
    string Survey,
    string? UserId,
    int Score,
    string Scale,
    string? Comment,
    DateTime SubmittedAt,
    string? TicketId);

/// <summary>Usage events and distinct active users over [from, to).</summary>
public sealed record AccountUsageRange(DateTime From, DateTime To, long Events, int ActiveUsers);

/// <summary>Usage in the 30 days before asOf, and per month of the MRR history.</summary>
public sealed record AccountUsageReport(AccountUsageRange Last30Days, IReadOnlyList<AccountUsageMonth> Months);

public sealed record AccountUsageMonth(string Month, long Events, int ActiveUsers);
