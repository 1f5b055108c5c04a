namespace Tenure.Metrics.Inputs;

/// <summary>
/// Everything Tenure knows, as read from the input files. A kind whose file was not given is
/// absent (see <see cref="Present"/>), which is not the same as present and empty: a metric whose
/// inputs are absent is "unavailable", while one over empty inputs is computed (often as no value).
/// </summary>
/// <remarks>
/// A segment's data set (<see cref="Drilldown.SegmentFilter.Apply"/>) may hold a kind's records as
/// <see cref="DeferredRows{T}"/>: narrowed from the whole data set when they are first read, so a view that never reads
/// a kind (the support page never reads usage or invoices) never copies it. Reading a kind always gives its records;
/// <see cref="CountOf"/> counts them without narrowing them, and <see cref="Deferred"/> says which kinds are not made yet.
/// </remarks>
public sealed record TenureDataSet
{
    private readonly IReadOnlyList<Account> accounts = [];
    private readonly IReadOnlyList<SubscriptionPeriod> subscriptions = [];
    private readonly IReadOnlyList<Invoice> invoices = [];
    private readonly IReadOnlyList<User> users = [];
    private readonly IReadOnlyList<UsageDay> usage = [];
    private readonly IReadOnlyList<SurveyResponse> surveys = [];
    private readonly IReadOnlyList<Ticket> tickets = [];
    private readonly IReadOnlyList<CostEntry> costs = [];
    private readonly IReadOnlyList<Offer> offers = [];
    private readonly IReadOnlyList<Referral> referrals = [];
    private readonly IReadOnlyList<Milestone> milestones = [];
    private readonly IReadOnlyList<ProgramMembership> programs = [];
    private readonly IReadOnlyList<CsTask> tasks = [];
    private readonly IReadOnlyList<Note> notes = [];

    public IReadOnlyList<Account> Accounts { get => Made(accounts); init => accounts = value; }
    public IReadOnlyList<SubscriptionPeriod> Subscriptions { get => Made(subscriptions); init => subscriptions = value; }
    public IReadOnlyList<Invoice> Invoices { get => Made(invoices); init => invoices = value; }
    public IReadOnlyList<User> Users { get => Made(users); init => users = value; }
    /// <summary>Usage rolled up per account, user and day (see <see cref="UsageDay"/>).</summary>
    public IReadOnlyList<UsageDay> Usage { get => Made(usage); init => usage = value; }
    public IReadOnlyList<SurveyResponse> Surveys { get => Made(surveys); init => surveys = value; }
    public IReadOnlyList<Ticket> Tickets { get => Made(tickets); init => tickets = value; }
    public IReadOnlyList<CostEntry> Costs { get => Made(costs); init => costs = value; }
    public IReadOnlyList<Offer> Offers { get => Made(offers); init => offers = value; }
    public IReadOnlyList<Referral> Referrals { get => Made(referrals); init => referrals = value; }
    public IReadOnlyList<Milestone> Milestones { get => Made(milestones); init => milestones = value; }
    public IReadOnlyList<ProgramMembership> Programs { get => Made(programs); init => programs = value; }
    public IReadOnlyList<CsTask> Tasks { get => Made(tasks); init => tasks = value; }
    public IReadOnlyList<Note> Notes { get => Made(notes); init => notes = value; }

    /// <summary>
    /// The surveys Tenure sent (links and e-mails), or null when sends are not known (no survey was ever sent
    /// through Tenure): <c>response-rate</c> is unavailable without them. Not an input file.
    /// </summary>
    public IReadOnlyList<SurveySend>? SurveySends { get; init; }

    /// <summary>The kinds whose file was given (even if it held no rows).</summary>
    public InputKind Present { get; init; }

    public bool Has(InputKind kinds) => (Present & kinds) == kinds;

    /// <summary>How many records of <paramref name="kind"/> (one kind) the data set holds, without making deferred ones.</summary>
    public int CountOf(InputKind kind) => Held(kind).Count;

    /// <summary>The kinds whose records are deferred and not read yet (<see cref="DeferredRows{T}"/>); None for a data set read or built whole.</summary>
    public InputKind Deferred
    {
        get
        {
            var deferred = InputKind.None;
            foreach (var kind in InputKinds.All)
            {
                if (Held(kind.Kind).Rows is IDeferredRows { IsMade: false })
                    deferred |= kind.Kind;
            }
            return deferred;
        }
    }

    /// <summary>What the data set holds of <paramref name="kind"/> (one kind), deferred or not, and how many records.</summary>
    private (object Rows, int Count) Held(InputKind kind) => kind switch
    {
        InputKind.Accounts => (accounts, accounts.Count),
        InputKind.Subscriptions => (subscriptions, subscriptions.Count),
        InputKind.Invoices => (invoices, invoices.Count),
        InputKind.Users => (users, users.Count),
        InputKind.Usage => (usage, usage.Count),
        InputKind.Surveys => (surveys, surveys.Count),
        InputKind.Tickets => (tickets, tickets.Count),
        InputKind.Costs => (costs, costs.Count),
        InputKind.Offers => (offers, offers.Count),
        InputKind.Referrals => (referrals, referrals.Count),
        InputKind.Milestones => (milestones, milestones.Count),
        InputKind.Programs => (programs, programs.Count),
        InputKind.Tasks => (tasks, tasks.Count),
        InputKind.Notes => (notes, notes.Count),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "one input kind"),
    };

    private static IReadOnlyList<T> Made<T>(IReadOnlyList<T> rows) => rows is DeferredRows<T> deferred ? deferred.Rows : rows;

}

/// <summary>
/// A kind's records made when first read (once, by one thread; readers at the same time wait for it), their count known
/// before: how a segment's data set holds the kinds a view may never read (<see cref="TenureDataSet"/>). A data set's
/// properties hand out the records made, never this list; as a list it reads them too.
/// </summary>
public sealed class DeferredRows<T> : IReadOnlyList<T>, IDeferredRows
{
    private readonly Lazy<IReadOnlyList<T>> rows;

    /// <param name="make">Makes the records: exactly <paramref name="count"/> of them.</param>
    /// <param name="count">How many records <paramref name="make"/> makes.</param>
    public DeferredRows(Func<IReadOnlyList<T>> make, int count)
    {
        ArgumentNullException.ThrowIfNull(make);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Count = count;
        rows = new Lazy<IReadOnlyList<T>>(() =>
        {
            var made = make();
            if (made.Count != count)
                throw new InvalidOperationException($"{count} deferred records were counted and {made.Count} made.");
            return made;
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The records, made on first use.</summary>
    public IReadOnlyList<T> Rows => rows.Value;

    /// <summary>Whether the records were made.</summary>
    public bool IsMade => rows.IsValueCreated;

    public int Count { get; }

    public T this[int index] => Rows[index];

    public IEnumerator<T> GetEnumerator() => Rows.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A <see cref="DeferredRows{T}"/> of any record type: whether its records were made.</summary>
internal interface IDeferredRows
{
    bool IsMade { get; }
}
