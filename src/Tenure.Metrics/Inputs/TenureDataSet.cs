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
    public int CountOf(InputKind kind) => kind switch
    {
        InputKind.Accounts => accounts.Count,
        InputKind.Subscriptions => subscriptions.Count,
        InputKind.Invoices => invoices.Count,
        InputKind.Users => users.Count,
        InputKind.Usage => usage.Count,
        InputKind.Surveys => surveys.Count,
        InputKind.Tickets => tickets.Count,
        InputKind.Costs => costs.Count,
        InputKind.Offers => offers.Count,
        InputKind.Referrals => referrals.Count,
        InputKind.Milestones => milestones.Count,
        InputKind.Programs => programs.Count,
        InputKind.Tasks => tasks.Count,
        InputKind.Notes => notes.Count,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "one input kind"),
    };

    /// <summary>The kinds whose records are deferred and not read yet (<see cref="DeferredRows{T}"/>); None for a data set read or built whole.</summary>
    public InputKind Deferred =>
        Pending(accounts, InputKind.Accounts) | Pending(subscriptions, InputKind.Subscriptions) | Pending(invoices, InputKind.Invoices)
        | Pending(users, InputKind.Users) | Pending(usage, InputKind.Usage) | Pending(surveys, InputKind.Surveys)
        | Pending(tickets, InputKind.Tickets) | Pending(costs, InputKind.Costs) | Pending(offers, InputKind.Offers)
        | Pending(referrals, InputKind.Referrals) | Pending(milestones, InputKind.Milestones) | Pending(programs, InputKind.Programs)
        | Pending(tasks, InputKind.Tasks) | Pending(notes, InputKind.Notes);

    private static IReadOnlyList<T> Made<T>(IReadOnlyList<T> rows) => rows is DeferredRows<T> deferred ? deferred.Rows : rows;

    private static InputKind Pending<T>(IReadOnlyList<T> rows, InputKind kind) =>
        rows is DeferredRows<T> { IsMade: false } ? kind : InputKind.None;
}

/// <summary>
/// A kind's records made when first read (once, by one thread; readers at the same time wait for it), their count known
/// before: how a segment's data set holds the kinds a view may never read (<see cref="TenureDataSet"/>). A data set's
/// properties hand out the records made, never this list; as a list it reads them too.
/// </summary>
public sealed class DeferredRows<T> : IReadOnlyList<T>
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
