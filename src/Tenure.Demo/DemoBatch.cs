using Tenure.Metrics.Inputs;

namespace Tenure.Demo;

/// <summary>
/// The records of one account as the generator streams them (<see cref="DemoDataGenerator.Batches"/>),
/// or, in the last batch, the records that belong to no account (costs, internal CSM tasks).
/// The generator refills the same instance for every account: copy what you keep before asking for the next.
/// </summary>
public sealed class DemoBatch
{
    internal readonly List<Account> AccountList = [];
    internal readonly List<SubscriptionPeriod> SubscriptionList = [];
    internal readonly List<Invoice> InvoiceList = [];
    internal readonly List<User> UserList = [];
    internal readonly List<UsageEvent> UsageList = [];
    internal readonly List<SurveyResponse> SurveyList = [];
    internal readonly List<Ticket> TicketList = [];
    internal readonly List<CostEntry> CostList = [];
    internal readonly List<Offer> OfferList = [];
    internal readonly List<Referral> ReferralList = [];
    internal readonly List<Milestone> MilestoneList = [];
    internal readonly List<ProgramMembership> ProgramList = [];
    internal readonly List<CsTask> TaskList = [];
    internal readonly List<Note> NoteList = [];

    public IReadOnlyList<Account> Accounts => AccountList;
    public IReadOnlyList<SubscriptionPeriod> Subscriptions => SubscriptionList;
    public IReadOnlyList<Invoice> Invoices => InvoiceList;
    public IReadOnlyList<User> Users => UserList;

    /// <summary>One event per user and active day (sometimes two), per user in time order.</summary>
    public IReadOnlyList<UsageEvent> Usage => UsageList;
    public IReadOnlyList<SurveyResponse> Surveys => SurveyList;
    public IReadOnlyList<Ticket> Tickets => TicketList;
    public IReadOnlyList<CostEntry> Costs => CostList;
    public IReadOnlyList<Offer> Offers => OfferList;
    public IReadOnlyList<Referral> Referrals => ReferralList;
    public IReadOnlyList<Milestone> Milestones => MilestoneList;
    public IReadOnlyList<ProgramMembership> Programs => ProgramList;
    public IReadOnlyList<CsTask> Tasks => TaskList;
    public IReadOnlyList<Note> Notes => NoteList;

    internal void Clear()
    {
        AccountList.Clear();
        SubscriptionList.Clear();
        InvoiceList.Clear();
        UserList.Clear();
        UsageList.Clear();
        SurveyList.Clear();
        TicketList.Clear();
        CostList.Clear();
        OfferList.Clear();
        ReferralList.Clear();
        MilestoneList.Clear();
        ProgramList.Clear();
        TaskList.Clear();
        NoteList.Clear();
    }
}
