using Tenure.Metrics.Inputs;

namespace Tenure.Demo;

/// <summary>
/// A generated demo data set in memory (<see cref="DemoDataGenerator.Generate"/>). Usage events are
/// not kept: <see cref="Usage"/> regenerates them, identically, on each enumeration.
/// </summary>
public sealed class DemoDataSet
{
    private readonly DemoDataGenerator generator;
    private readonly List<Account> accounts = [];
    private readonly List<SubscriptionPeriod> subscriptions = [];
    private readonly List<Invoice> invoices = [];
    private readonly List<User> users = [];
    private readonly List<SurveyResponse> surveys = [];
    private readonly List<Ticket> tickets = [];
    private readonly List<CostEntry> costs = [];
    private readonly List<Offer> offers = [];
    private readonly List<Referral> referrals = [];
    private readonly List<Milestone> milestones = [];
    private readonly List<ProgramMembership> programs = [];
    private readonly List<CsTask> tasks = [];
    private readonly List<Note> notes = [];

    internal DemoDataSet(DemoDataGenerator generator) => this.generator = generator;

    public DemoOptions Options => generator.Options;
    public IReadOnlyList<Account> Accounts => accounts;
    public IReadOnlyList<SubscriptionPeriod> Subscriptions => subscriptions;
    public IReadOnlyList<Invoice> Invoices => invoices;
    public IReadOnlyList<User> Users => users;
    public IReadOnlyList<SurveyResponse> Surveys => surveys;
    public IReadOnlyList<Ticket> Tickets => tickets;
    public IReadOnlyList<CostEntry> Costs => costs;
    public IReadOnlyList<Offer> Offers => offers;
    public IReadOnlyList<Referral> Referrals => referrals;
    public IReadOnlyList<Milestone> Milestones => milestones;
    public IReadOnlyList<ProgramMembership> Programs => programs;
    public IReadOnlyList<CsTask> Tasks => tasks;
    public IReadOnlyList<Note> Notes => notes;

    /// <summary>The usage events, per account and per user in time order, regenerated on each enumeration.</summary>
    public IEnumerable<UsageEvent> Usage
    {
        get
        {
            foreach (var batch in generator.Batches())
            {
                foreach (var e in batch.UsageList)
                    yield return e;
            }
        }
    }

    /// <summary>
    /// The data set as the metric engine takes it: every kind present, usage rolled up per account,
    /// user and day (as ingestion does).
    /// </summary>
    public TenureDataSet ToTenureDataSet() => new()
    {
        Accounts = accounts,
        Subscriptions = subscriptions,
        Invoices = invoices,
        Users = users,
        Usage = RollUpUsage(),
        Surveys = surveys,
        Tickets = tickets,
        Costs = costs,
        Offers = offers,
        Referrals = referrals,
        Milestones = milestones,
        Programs = programs,
        Tasks = tasks,
        Notes = notes,
        Present = InputKinds.Every,
    };

    private List<UsageDay> RollUpUsage()
    {
        // The generator writes each user's events in time order, so a user's day is one run.
        var days = new List<UsageDay>();
        foreach (var e in Usage)
        {
            var day = e.Timestamp.Date;
            if (days.Count > 0 && days[^1] is var last && last.Day == day && last.UserId == e.UserId && last.AccountId == e.AccountId)
                days[^1] = last with { Events = last.Events + 1 };
            else
                days.Add(new UsageDay(e.AccountId, e.UserId, DateTime.SpecifyKind(day, DateTimeKind.Utc), 1));
        }
        return days;
    }

    internal void Add(DemoBatch batch)
    {
        accounts.AddRange(batch.AccountList);
        subscriptions.AddRange(batch.SubscriptionList);
        invoices.AddRange(batch.InvoiceList);
        users.AddRange(batch.UserList);
        surveys.AddRange(batch.SurveyList);
        tickets.AddRange(batch.TicketList);
        costs.AddRange(batch.CostList);
        offers.AddRange(batch.OfferList);
        referrals.AddRange(batch.ReferralList);
        milestones.AddRange(batch.MilestoneList);
        programs.AddRange(batch.ProgramList);
        tasks.AddRange(batch.TaskList);
        notes.AddRange(batch.NoteList);
    }
}
