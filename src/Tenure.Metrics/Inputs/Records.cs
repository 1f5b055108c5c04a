using System.Runtime.CompilerServices;

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
/// <remarks>
/// The largest input after usage (1.45 M periods for the peer's 100,000 accounts), so it is kept compact (ADR 0295):
/// the terms periods repeat (plan, amount, interval, quantity, discount, currency) are one shared <see cref="Terms"/>
/// object (ADR 0305: any recent period's, not only the one before), and the end is a date and a flag instead of a
/// nullable date (<see cref="OptionalDate"/>, ADR 0365): 56 bytes a period against 136. Properties, equality, <c>with</c> and deconstruction are those of the plain positional record.
/// </remarks>
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
    string? Currency = null)
{
    private Terms terms = Terms.Of(Plan, Amount, Interval, Quantity, Discount, Currency);
    private OptionalDate end = OptionalDate.Of(End);

    public string SubscriptionId { get; init; } = SubscriptionId;

    public string AccountId { get; init; } = AccountId;

    public string? Plan { get => terms.Plan; init => terms = terms with { Plan = value }; }

    public DateTime Start { get; init; } = Start;

    public DateTime? End
    {
        get => end.Value;
        init => end = OptionalDate.Of(value);
    }

    public decimal Amount { get => terms.Amount; init => terms = terms with { Amount = value }; }

    public BillingInterval Interval { get => terms.Interval; init => terms = terms with { Interval = value }; }

    public decimal Quantity { get => terms.Quantity; init => terms = terms with { Quantity = value }; }

    public decimal Discount { get => terms.Discount; init => terms = terms with { Discount = value }; }

    public string? Currency { get => terms.Currency; init => terms = terms with { Currency = value }; }

    /// <summary>
    /// Whether this period and <paramref name="other"/> share one terms object (made with <c>with</c> from one another, or
    /// read one after another with the same terms: ADR 0305, 0425), so that they charge the same: a figure of the terms alone
    /// computed for one holds for the other. False says nothing: equal terms may be separate objects.
    /// </summary>
    internal bool SharesTermsWith(SubscriptionPeriod other) => ReferenceEquals(terms, other.terms);

    /// <summary>
    /// What a period charges, shared by the periods made on one thread with the same values as a recent one
    /// (<see cref="SharedValues.Recent{T}"/>; each decimal with the same scale too, so an amount reads back exactly as it
    /// was given). Immutable, so the sharing cannot be seen from outside.
    /// </summary>
    private sealed record Terms(string? Plan, decimal Amount, BillingInterval Interval, decimal Quantity, decimal Discount, string? Currency)
    {
        [ThreadStatic]
        private static Terms?[]? recent;

        public static Terms Of(string? plan, decimal amount, BillingInterval interval, decimal quantity, decimal discount, string? currency)
        {
            ref Terms? slot = ref SharedValues.Recent(ref recent, HashCode.Combine(
                SharedValues.Bits(amount), SharedValues.Bits(quantity), SharedValues.Bits(discount), interval, plan, currency));
            if (slot is { } terms && terms.Interval == interval && SharedValues.Same(terms.Amount, amount)
                && SharedValues.Same(terms.Quantity, quantity) && SharedValues.Same(terms.Discount, discount)
                && string.Equals(terms.Plan, plan, StringComparison.Ordinal)
                && string.Equals(terms.Currency, currency, StringComparison.Ordinal))
            {
                return terms;
            }
            return slot = new Terms(plan, amount, interval, quantity, discount, currency);
        }
    }
}

public enum InvoiceKind { Recurring, OneOff, Refund }

/// <summary>
/// An optional <see cref="DateTime"/> in the 8 bytes of one (ADR 0365): the date's own bits, or bits no DateTime has (every
/// bit set: a kind of 3 with ticks past <see cref="DateTime.MaxValue"/>) for none, so every date and kind reads back as it
/// was given. A <c>DateTime?</c> takes 16 bytes, its flag padded to the date's alignment. Equal as <c>DateTime?</c> values
/// are (the instant, not the kind), so a record holding one compares as the plain record did.
/// </summary>
internal readonly struct OptionalDate : IEquatable<OptionalDate>
{
    private const ulong None = ulong.MaxValue;

    private readonly ulong bits;

    private OptionalDate(ulong bits) => this.bits = bits;

    public static OptionalDate Of(DateTime? value) => new(value is { } date ? Unsafe.As<DateTime, ulong>(ref date) : None);

    public DateTime? Value
    {
        get
        {
            var given = bits;
            return given == None ? null : Unsafe.As<ulong, DateTime>(ref given);
        }
    }

    public bool Equals(OptionalDate other) => Value == other.Value;

    public override bool Equals(object? obj) => obj is OptionalDate other && Equals(other);

    public override int GetHashCode() => Value.GetHashCode();
}

/// <summary>For the values records share with their neighbours (ADR 0295).</summary>
internal static class SharedValues
{
    /// <summary>How many recently made values of a kind a thread keeps (<see cref="Recent{T}"/>).</summary>
    private const int RecentCount = 1 << 10;

    /// <summary>The same decimal to the digit: equal and of one scale, so 49 and 49.00 are not (they print differently).</summary>
    public static bool Same(decimal a, decimal b) => a == b && a.Scale == b.Scale;

    /// <summary>The decimal's 128 bits (value, scale and sign) for a hash: cheaper than its own hash, which scales it first.</summary>
    public static Int128 Bits(decimal value) => Unsafe.As<decimal, Int128>(ref value);

    /// <summary>
    /// The slot of <paramref name="hash"/> among a thread's recently made values of one kind (<paramref name="recent"/>, a
    /// [ThreadStatic] field, made on first use): the caller returns the value in it when it has the values asked for, else
    /// makes one and keeps it there. Rows that repeat values need not be neighbours, as they are in a file sorted by account
    /// (a file sorted by date interleaves every account's invoices), and a thread's values are never seen by another.
    /// <paramref name="count"/> (a power of two) values are kept: more for kinds of many combinations.
    /// </summary>
    public static ref T? Recent<T>(ref T?[]? recent, int hash, int count = RecentCount) where T : class =>
        ref (recent ??= new T?[count])[hash & (count - 1)];
}

/// <summary>A charge or a refund (invoices.csv). <see cref="Amount"/> is positive; a refund has kind refund.</summary>
/// <remarks>
/// The most numerous record after usage (16.8 M for a million demo accounts), kept compact as
/// <see cref="SubscriptionPeriod"/> is (ADR 0295): a numbered invoice id as its number (<see cref="RowId"/>), and the
/// amount, kind and category invoices repeat as one shared <see cref="Charge"/> (ADR 0305: any recent invoice's, so
/// a file sorted by date shares them too): 56 bytes an invoice against 72 and its id's string. Properties, equality,
/// <c>with</c> and deconstruction are the plain record's.
/// </remarks>
public sealed record Invoice(
    string InvoiceId,
    string AccountId,
    DateTime Date,
    decimal Amount,
    InvoiceKind Kind,
    string? Category = null)
{
    private RowId id = RowId.Of(InvoiceId);
    private Charge charge = Charge.Of(Amount, Kind, Category);

    public string InvoiceId { get => id.ToString(); init => id = RowId.Of(value); }

    /// <summary>The invoice id as a reader makes it from its field, without a string when numbered (an invoice made with an empty id, then this).</summary>
    internal RowId Id { init => id = value; }

    public string AccountId { get; init; } = AccountId;

    public DateTime Date { get; init; } = Date;

    public decimal Amount { get => charge.Amount; init => charge = charge with { Amount = value }; }

    public InvoiceKind Kind { get => charge.Kind; init => charge = charge with { Kind = value }; }

    public string? Category { get => charge.Category; init => charge = charge with { Category = value }; }

    /// <summary>What an invoice charges, shared by the invoices made on one thread with the same values as a recent one (the amount's scale too).</summary>
    private sealed record Charge(decimal Amount, InvoiceKind Kind, string? Category)
    {
        [ThreadStatic]
        private static Charge?[]? recent;

        public static Charge Of(decimal amount, InvoiceKind kind, string? category)
        {
            ref Charge? slot = ref SharedValues.Recent(ref recent, HashCode.Combine(SharedValues.Bits(amount), kind, category));
            if (slot is { } charge && charge.Kind == kind && SharedValues.Same(charge.Amount, amount)
                && string.Equals(charge.Category, category, StringComparison.Ordinal))
            {
                return charge;
            }
            return slot = new Charge(amount, kind, category);
        }
    }
}

/// <summary>An end user of an account (users.csv).</summary>
public sealed record User(
    string UserId,
    string AccountId,
    DateTime CreatedAt,
    DateTime? DeactivatedAt = null)
{
    // Half a million for the peer's 100,000 accounts: the optional date in 8 bytes, not 16 (ADR 0365).
    private OptionalDate deactivatedAt = OptionalDate.Of(DeactivatedAt);

    public DateTime? DeactivatedAt { get => deactivatedAt.Value; init => deactivatedAt = OptionalDate.Of(value); }
}

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
/// <remarks>
/// 3.2 M for a million demo accounts, so kept compact (ADR 0315): its own id and the ticket it answers for are
/// <see cref="RowId"/>s (a numbered id as its number): 88 bytes an answer against 80 and two ids' strings. Properties,
/// equality, <c>with</c> and deconstruction are the plain record's.
/// </remarks>
public sealed record SurveyResponse(
    string ResponseId,
    string Survey,
    string AccountId,
    string? UserId,
    int Score,
    Scale Scale,
    string? Comment,
    DateTime SubmittedAt,
    string? TicketId = null)
{
    private RowId id = RowId.Of(ResponseId);
    private RowId ticketId = RowId.OfOptional(TicketId);

    public string ResponseId { get => id.ToString(); init => id = RowId.Of(value); }

    /// <summary>The response id as a reader makes it from its field, without a string when numbered (an answer made with an empty id, then this).</summary>
    internal RowId Id { init => id = value; }

    public string Survey { get; init; } = Survey;

    public string AccountId { get; init; } = AccountId;

    public string? UserId { get; init; } = UserId;

    public int Score { get; init; } = Score;

    public Scale Scale { get; init; } = Scale;

    public string? Comment { get; init; } = Comment;

    public DateTime SubmittedAt { get; init; } = SubmittedAt;

    public string? TicketId { get => ticketId.ToOptionalString(); init => ticketId = RowId.OfOptional(value); }
}

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
/// <remarks>
/// 5.2 M for a million demo accounts, so kept compact (ADR 0315): a numbered ticket id as its number (<see cref="RowId"/>),
/// each optional date in 8 bytes (<see cref="OptionalDate"/>), and the agent, channel, status, contacts, reopens and
/// flags tickets repeat as one shared <see cref="Handling"/> (ADR 0365): 112 bytes a ticket against 136 before, and 160
/// and its id's string as a plain record. Properties, equality, <c>with</c> and deconstruction are the plain record's.
/// </remarks>
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
    string? RequesterEmail = null)
{
    private RowId id = RowId.Of(TicketId);
    private Handling handling = Handling.Of(Agent, Channel, Status, Contacts, Reopens, Escalated, Blocked, IsMajor);
    private OptionalDate firstResponseAt = OptionalDate.Of(FirstResponseAt);
    private OptionalDate resolvedAt = OptionalDate.Of(ResolvedAt);
    private decimal handleMinutes = HandleMinutes.GetValueOrDefault();
    private bool hasHandleMinutes = HandleMinutes.HasValue;

    public string TicketId { get => id.ToString(); init => id = RowId.Of(value); }

    /// <summary>The ticket id as a reader makes it from its field, without a string when numbered (a ticket made with an empty id, then this).</summary>
    internal RowId Id { init => id = value; }

    public string AccountId { get; init; } = AccountId;

    public DateTime CreatedAt { get; init; } = CreatedAt;

    public DateTime? FirstResponseAt { get => firstResponseAt.Value; init => firstResponseAt = OptionalDate.Of(value); }

    public DateTime? ResolvedAt { get => resolvedAt.Value; init => resolvedAt = OptionalDate.Of(value); }

    public int? Contacts { get => handling.Contacts; init => handling = handling with { Contacts = value }; }

    public bool Escalated { get => handling.Escalated; init => handling = handling with { Escalated = value }; }

    public string? Agent { get => handling.Agent; init => handling = handling with { Agent = value }; }

    public string? Channel { get => handling.Channel; init => handling = handling with { Channel = value }; }

    public string? Status { get => handling.Status; init => handling = handling with { Status = value }; }

    public bool Blocked { get => handling.Blocked; init => handling = handling with { Blocked = value }; }

    public string? ParentTicketId { get; init; } = ParentTicketId;

    public bool IsMajor { get => handling.IsMajor; init => handling = handling with { IsMajor = value }; }

    public decimal? HandleMinutes
    {
        get => hasHandleMinutes ? handleMinutes : null;
        init => (handleMinutes, hasHandleMinutes) = (value.GetValueOrDefault(), value.HasValue);
    }

    public int Reopens { get => handling.Reopens; init => handling = handling with { Reopens = value }; }

    public string? RequesterEmail { get; init; } = RequesterEmail;

    /// <summary>
    /// Who handled a ticket and how (agent, channel, status, contacts, reopens, flags): few combinations over many tickets,
    /// so shared by the tickets made on one thread with the same values as a recent one (<see cref="SharedValues.Recent{T}"/>,
    /// ADR 0365). Immutable, so the sharing cannot be seen from outside.
    /// </summary>
    private sealed record Handling(string? Agent, string? Channel, string? Status, int? Contacts, int Reopens, bool Escalated, bool Blocked, bool IsMajor)
    {
        [ThreadStatic]
        private static Handling?[]? recent;

        public static Handling Of(string? agent, string? channel, string? status, int? contacts, int reopens, bool escalated, bool blocked, bool isMajor)
        {
            // Agents x channels x statuses x contact counts make thousands of combinations: more are kept than of other kinds.
            ref Handling? slot = ref SharedValues.Recent(ref recent, HashCode.Combine(agent, channel, status, contacts, reopens, escalated, blocked, isMajor), 1 << 14);
            if (slot is { } handling && handling.Contacts == contacts && handling.Reopens == reopens && handling.Escalated == escalated
                && handling.Blocked == blocked && handling.IsMajor == isMajor
                && string.Equals(handling.Agent, agent, StringComparison.Ordinal)
                && string.Equals(handling.Channel, channel, StringComparison.Ordinal)
                && string.Equals(handling.Status, status, StringComparison.Ordinal))
            {
                return handling;
            }
            return slot = new Handling(agent, channel, status, contacts, reopens, escalated, blocked, isMajor);
        }
    }
}

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
/// <remarks>
/// 4.3 M for a million demo accounts, so kept compact (ADR 0315): a numbered task id as its number (<see cref="RowId"/>),
/// and the due and completion dates as a value and a flag each: 80 bytes a task against 88 and its id's string.
/// Properties, equality, <c>with</c> and deconstruction are the plain record's.
/// </remarks>
public sealed record CsTask(
    string TaskId,
    string? Owner,
    string? AccountId,
    string? Category,
    DateTime CreatedAt,
    DateTime? DueAt = null,
    DateTime? CompletedAt = null)
{
    private RowId id = RowId.Of(TaskId);
    private DateTime dueAt = DueAt.GetValueOrDefault();
    private DateTime completedAt = CompletedAt.GetValueOrDefault();
    private bool hasDue = DueAt.HasValue;
    private bool hasCompleted = CompletedAt.HasValue;

    public string TaskId { get => id.ToString(); init => id = RowId.Of(value); }

    /// <summary>The task id as a reader makes it from its field, without a string when numbered (a task made with an empty id, then this).</summary>
    internal RowId Id { init => id = value; }

    public string? Owner { get; init; } = Owner;

    public string? AccountId { get; init; } = AccountId;

    public string? Category { get; init; } = Category;

    public DateTime CreatedAt { get; init; } = CreatedAt;

    public DateTime? DueAt
    {
        get => hasDue ? dueAt : null;
        init => (dueAt, hasDue) = (value.GetValueOrDefault(), value.HasValue);
    }

    public DateTime? CompletedAt
    {
        get => hasCompleted ? completedAt : null;
        init => (completedAt, hasCompleted) = (value.GetValueOrDefault(), value.HasValue);
    }
}

/// <summary>Qualitative feedback that is not a survey (notes.csv).</summary>
public sealed record Note(
    string NoteId,
    string? AccountId,
    DateTime Date,
    string? Source,
    string? Text);
