namespace Tenure.Metrics.Inputs;

/// <summary>
/// Everything Tenure knows, as read from the input files. A kind whose file was not given is
/// absent (see <see cref="Present"/>), which is not the same as present and empty: a metric whose
/// inputs are absent is "unavailable", while one over empty inputs is computed (often as no value).
/// </summary>
public sealed record TenureDataSet
{
    public IReadOnlyList<Account> Accounts { get; init; } = [];
    public IReadOnlyList<SubscriptionPeriod> Subscriptions { get; init; } = [];
    public IReadOnlyList<Invoice> Invoices { get; init; } = [];
    public IReadOnlyList<User> Users { get; init; } = [];
    /// <summary>Usage rolled up per account, user and day (see <see cref="UsageDay"/>).</summary>
    public IReadOnlyList<UsageDay> Usage { get; init; } = [];
    public IReadOnlyList<SurveyResponse> Surveys { get; init; } = [];
    public IReadOnlyList<Ticket> Tickets { get; init; } = [];
    public IReadOnlyList<CostEntry> Costs { get; init; } = [];
    public IReadOnlyList<Offer> Offers { get; init; } = [];
    public IReadOnlyList<Referral> Referrals { get; init; } = [];
    public IReadOnlyList<Milestone> Milestones { get; init; } = [];
    public IReadOnlyList<ProgramMembership> Programs { get; init; } = [];
    public IReadOnlyList<CsTask> Tasks { get; init; } = [];
    public IReadOnlyList<Note> Notes { get; init; } = [];

    /// <summary>
    /// The surveys Tenure sent (links and e-mails), or null when sends are not known (no survey was ever sent
    /// through Tenure): <c>response-rate</c> is unavailable without them. Not an input file.
    /// </summary>
    public IReadOnlyList<SurveySend>? SurveySends { get; init; }

    /// <summary>The kinds whose file was given (even if it held no rows).</summary>
    public InputKind Present { get; init; }

    public bool Has(InputKind kinds) => (Present & kinds) == kinds;
}
