namespace Tenure.Metrics.Inputs;

// The input records of DESIGN.md. Every instant is a UTC DateTime (Kind = Utc); a date is that
// day's 00:00 UTC. Money is decimal in the account's currency. Optional text is null when blank.

/// <summary>A customer account (accounts.csv). <see cref="CreatedAt"/> is the first interaction.</summary>
public sealed record Account(
    string AccountId,
    string Name,
    DateTime CreatedAt,
    string? Segment = null,
    string? Industry = null,
    string? Plan = null,
    string? Csm = null,
    string? Region = null,
    decimal? AcquisitionCost = null,
    string? Currency = null);

/// <summary>How often <see cref="SubscriptionPeriod.Amount"/> is charged.</summary>
public enum BillingInterval { Day, Week, Month, Quarter, Year, Term }

/// <summary>
/// One service period of a subscription (subscriptions.csv), keyed by (subscription_id, start_date).
/// It covers [<see cref="Start"/>, <see cref="End"/>); a null end is open.
/// </summary>
public sealed record SubscriptionPeriod(
    string SubscriptionId,
    string AccountId,
    string? Plan,
    DateTime Start,
    DateTime? End,
    decimal Amount,
    BillingInterval Interval,
    decimal Quantity = 1m,
    decimal Discount = 0m,
    string? Currency = null);

public enum InvoiceKind { Recurring, OneOff, Refund }

/// <summary>A charge or a refund (invoices.csv). <see cref="Amount"/> is positive; a refund has kind refund.</summary>
public sealed record Invoice(
    string InvoiceId,
    string AccountId,
    DateTime Date,
    decimal Amount,
    InvoiceKind Kind,
    string? Category = null);

/// <summary>An end user of an account (users.csv).</summary>
public sealed record User(
    string UserId,
    string AccountId,
    DateTime CreatedAt,
    DateTime? DeactivatedAt = null);

/// <summary>A product usage event (usage.csv).</summary>
public readonly record struct UsageEvent(
    string AccountId,
    string? UserId,
    DateTime Timestamp,
    string? Event);

/// <summary>
/// Usage rolled up per account, user and UTC day, as ingestion stores it: raw events never reach
/// the metric engine. <see cref="Day"/> is the day's 00:00 UTC; <see cref="UserId"/> is null for
/// events that named no user; <see cref="Events"/> is how many events fell on that day.
/// </summary>
public readonly record struct UsageDay(
    string AccountId,
    string? UserId,
    DateTime Day,
    int Events);

/// <summary>A survey answer (surveys.csv). <see cref="Survey"/> is nps, csat, ces or a custom id.</summary>
public sealed record SurveyResponse(
    string ResponseId,
    string Survey,
    string AccountId,
    string? UserId,
    int Score,
    Scale Scale,
    string? Comment,
    DateTime SubmittedAt,
    string? TicketId = null);

/// <summary>
/// A survey Tenure sent (a signed link or an e-mail): not an input file but what Tenure's own survey
/// pages record, so <c>response-rate</c> has its denominator. <see cref="Survey"/> is the survey's type
/// (nps, csat, ces); <see cref="ResponseId"/> names the survey response it was answered by, or is null while
/// unanswered.
/// </summary>
public sealed record SurveySend(
    string SendId,
    string Survey,
    string AccountId,
    DateTime SentAt,
    string? ResponseId = null);

/// <summary>
/// A support case (tickets.csv). <see cref="ResolvedAt"/> is the final solve; <see cref="Reopens"/> counts how often it was
/// reopened before it (default 0). <see cref="RequesterEmail"/> is who asked (optional): no metric reads it; Tenure mails
/// the CSAT request after the ticket is resolved to it (docs/surveys.md).
/// </summary>
public sealed record Ticket(
    string TicketId,
    string AccountId,
    DateTime CreatedAt,
    DateTime? FirstResponseAt = null,
    DateTime? ResolvedAt = null,
    int? Contacts = null,
    bool Escalated = false,
    string? Agent = null,
    string? Channel = null,
    string? Status = null,
    bool Blocked = false,
    string? ParentTicketId = null,
    bool IsMajor = false,
    decimal? HandleMinutes = null,
    int Reopens = 0,
    string? RequesterEmail = null);

public enum CostKind { Retention, Acquisition }

/// <summary>A cost entry (costs.csv); it carries no account.</summary>
public sealed record CostEntry(
    DateTime Date,
    decimal Amount,
    CostKind Kind,
    string? Category = null);

/// <summary>An upsell or cross-sell offer (offers.csv).</summary>
public sealed record Offer(
    string OfferId,
    string AccountId,
    string? Kind,
    DateTime PresentedAt,
    DateTime? AcceptedAt = null);

/// <summary>A referral made by a customer (referrals.csv).</summary>
public sealed record Referral(
    string ReferralId,
    string AccountId,
    DateTime Date);

/// <summary>An account reaching a milestone such as first_value (milestones.csv).</summary>
public sealed record Milestone(
    string AccountId,
    string Name,
    DateTime AchievedAt);

/// <summary>An account taking part in a program (programs.csv) over [JoinedAt, LeftAt).</summary>
public sealed record ProgramMembership(
    string AccountId,
    string Program,
    DateTime JoinedAt,
    DateTime? LeftAt = null);

/// <summary>A CSM task (tasks.csv).</summary>
public sealed record CsTask(
    string TaskId,
    string? Owner,
    string? AccountId,
    string? Category,
    DateTime CreatedAt,
    DateTime? DueAt = null,
    DateTime? CompletedAt = null);

/// <summary>Qualitative feedback that is not a survey (notes.csv).</summary>
public sealed record Note(
    string NoteId,
    string? AccountId,
    DateTime Date,
    string? Source,
    string? Text);
