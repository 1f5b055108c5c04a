namespace Tenure.Metrics.Inputs;

/// <summary>The input files of DESIGN.md, one flag per kind, so a metric can say which it needs.</summary>
[Flags]
public enum InputKind
{
    None = 0,
    Accounts = 1 << 0,
    Subscriptions = 1 << 1,
    Invoices = 1 << 2,
    Users = 1 << 3,
    Usage = 1 << 4,
    Surveys = 1 << 5,
    Tickets = 1 << 6,
    Costs = 1 << 7,
    Offers = 1 << 8,
    Referrals = 1 << 9,
    Milestones = 1 << 10,
    Programs = 1 << 11,
    Tasks = 1 << 12,
    Notes = 1 << 13,
}

/// <summary>
/// The description of every input kind (docs/adr/0040), in dependency order (accounts first): the
/// one list readers, stored tables, the demo writer, the CLI and API dispatch, the segment filter
/// and the account directory go through. Columns are listed as docs/input-formats.md lists them.
/// </summary>
public static class InputKinds
{
    private static InputColumn Key(string name, InputValue value = InputValue.Text) => InputColumn.Key(name, value);

    private static InputColumn Optional(string name, InputValue value = InputValue.Text) => InputColumn.Optional(name, value);

    public static readonly KindDescription<Account> Accounts = new(
        InputKind.Accounts, "accounts.csv",
        [
            Key("account_id"), Optional("name"), Key("created_at", InputValue.Instant), Optional("segment"),
            Optional("industry"), Optional("plan"), Optional("csm"), Optional("region"),
            Optional("acquisition_cost", InputValue.Amount), Optional("currency"),
        ],
        ["account_id"], d => d.Accounts, (d, rows) => d with { Accounts = rows }, a => a.AccountId);

    public static readonly KindDescription<SubscriptionPeriod> Subscriptions = new(
        InputKind.Subscriptions, "subscriptions.csv",
        [
            Key("subscription_id"), Key("account_id"), Optional("plan"), Key("start_date", InputValue.Instant),
            Optional("end_date", InputValue.Instant), Key("amount", InputValue.Amount), Key("interval", InputValue.Choice),
            Optional("quantity", InputValue.Amount), Optional("discount", InputValue.Amount), Optional("currency"),
        ],
        ["subscription_id", "start_date"], d => d.Subscriptions, (d, rows) => d with { Subscriptions = rows }, s => s.AccountId);

    public static readonly KindDescription<Invoice> Invoices = new(
        InputKind.Invoices, "invoices.csv",
        [
            Key("invoice_id"), Key("account_id"), Key("date", InputValue.Instant), Key("amount", InputValue.Amount),
            Key("kind", InputValue.Choice), Optional("category"),
        ],
        ["invoice_id"], d => d.Invoices, (d, rows) => d with { Invoices = rows }, i => i.AccountId);

    public static readonly KindDescription<User> Users = new(
        InputKind.Users, "users.csv",
        [Key("user_id"), Key("account_id"), Key("created_at", InputValue.Instant), Optional("deactivated_at", InputValue.Instant)],
        ["user_id"], d => d.Users, (d, rows) => d with { Users = rows }, u => u.AccountId);

    /// <summary>usage.csv holds raw events; a data set holds them rolled up per account, user and UTC day (<see cref="UsageDay"/>).</summary>
    public static readonly KindDescription<UsageDay> Usage = new(
        InputKind.Usage, "usage.csv",
        [Key("account_id"), Optional("user_id"), Key("timestamp", InputValue.Instant), Optional("event")],
        [], d => d.Usage, (d, rows) => d with { Usage = rows }, u => u.AccountId);

    public static readonly KindDescription<SurveyResponse> Surveys = new(
        InputKind.Surveys, "surveys.csv",
        [
            Key("response_id"), Key("survey"), Key("account_id"), Optional("user_id"), Key("score", InputValue.WholeNumber),
            Key("scale", InputValue.Choice), Optional("comment"), Key("submitted_at", InputValue.Instant), Optional("ticket_id"),
        ],
        ["response_id"], d => d.Surveys, (d, rows) => d with { Surveys = rows }, s => s.AccountId);

    public static readonly KindDescription<Ticket> Tickets = new(
        InputKind.Tickets, "tickets.csv",
        [
            Key("ticket_id"), Key("account_id"), Key("created_at", InputValue.Instant), Optional("first_response_at", InputValue.Instant),
            Optional("resolved_at", InputValue.Instant), Optional("contacts", InputValue.Count), Optional("escalated", InputValue.Flag),
            Optional("agent"), Optional("channel"), Optional("status"), Optional("blocked", InputValue.Flag),
            Optional("parent_ticket_id"), Optional("is_major", InputValue.Flag), Optional("handle_minutes", InputValue.Amount),
            Optional("reopens", InputValue.Count), Optional("requester_email", InputValue.Email),
        ],
        ["ticket_id"], d => d.Tickets, (d, rows) => d with { Tickets = rows }, t => t.AccountId);

    /// <summary>costs.csv carries no account and no key (entries with the same date, kind and category add up).</summary>
    public static readonly KindDescription<CostEntry> Costs = new(
        InputKind.Costs, "costs.csv",
        [Key("date", InputValue.Instant), Key("amount", InputValue.Amount), Key("kind", InputValue.Choice), Optional("category")],
        [], d => d.Costs, (d, rows) => d with { Costs = rows }, accountOf: null);

    public static readonly KindDescription<Offer> Offers = new(
        InputKind.Offers, "offers.csv",
        [
            Key("offer_id"), Key("account_id"), Optional("kind"), Key("presented_at", InputValue.Instant),
            Optional("accepted_at", InputValue.Instant),
        ],
        ["offer_id"], d => d.Offers, (d, rows) => d with { Offers = rows }, o => o.AccountId);

    public static readonly KindDescription<Referral> Referrals = new(
        InputKind.Referrals, "referrals.csv",
        [Key("referral_id"), Key("account_id"), Key("date", InputValue.Instant)],
        ["referral_id"], d => d.Referrals, (d, rows) => d with { Referrals = rows }, r => r.AccountId);

    public static readonly KindDescription<Milestone> Milestones = new(
        InputKind.Milestones, "milestones.csv",
        [Key("account_id"), Key("milestone"), Key("achieved_at", InputValue.Instant)],
        ["account_id", "milestone"], d => d.Milestones, (d, rows) => d with { Milestones = rows }, m => m.AccountId);

    public static readonly KindDescription<ProgramMembership> Programs = new(
        InputKind.Programs, "programs.csv",
        [Key("account_id"), Key("program"), Key("joined_at", InputValue.Instant), Optional("left_at", InputValue.Instant)],
        ["account_id", "program", "joined_at"], d => d.Programs, (d, rows) => d with { Programs = rows }, p => p.AccountId);

    /// <summary>A task belongs to its owner for the csm part of a segment and to its account for the others.</summary>
    public static readonly KindDescription<CsTask> Tasks = new(
        InputKind.Tasks, "tasks.csv",
        [
            Key("task_id"), Optional("owner"), Optional("account_id"), Optional("category"), Key("created_at", InputValue.Instant),
            Optional("due_at", InputValue.Instant), Optional("completed_at", InputValue.Instant),
        ],
        ["task_id"], d => d.Tasks, (d, rows) => d with { Tasks = rows }, t => t.AccountId, ownerOf: t => t.Owner);

    public static readonly KindDescription<Note> Notes = new(
        InputKind.Notes, "notes.csv",
        [Key("note_id"), Optional("account_id"), Key("date", InputValue.Instant), Optional("source"), Optional("text")],
        ["note_id"], d => d.Notes, (d, rows) => d with { Notes = rows }, n => n.AccountId);

    /// <summary>Every kind, in dependency order (accounts first); the same order as the <see cref="InputKind"/> flags.</summary>
    public static readonly IReadOnlyList<KindDescription> All =
    [
        Accounts, Subscriptions, Invoices, Users, Usage, Surveys, Tickets,
        Costs, Offers, Referrals, Milestones, Programs, Tasks, Notes,
    ];

    /// <summary>Every kind's flag together.</summary>
    public static InputKind Every { get; } = All.Aggregate(InputKind.None, (all, k) => all | k.Kind);

    /// <summary>The description of a single kind.</summary>
    public static KindDescription Of(InputKind kind) =>
        All.FirstOrDefault(k => k.Kind == kind) ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a single input kind.");

    /// <summary>The kind whose file is <paramref name="fileName"/> (matched case-insensitively), or null.</summary>
    public static KindDescription? OfFileName(string fileName) =>
        All.FirstOrDefault(k => string.Equals(k.FileName, fileName, StringComparison.OrdinalIgnoreCase));

    /// <summary>The kind whose API name is <paramref name="name"/> (accounts, ...), or null.</summary>
    public static KindDescription? OfName(string name) =>
        All.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The position of <paramref name="kind"/> in <see cref="All"/>.</summary>
    public static int IndexOf(InputKind kind)
    {
        for (int i = 0; i < All.Count; i++)
        {
            if (All[i].Kind == kind)
                return i;
        }
        throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a single input kind.");
    }

    public static string FileName(InputKind kind) => Of(kind).FileName;

    /// <summary>The kinds set in <paramref name="kinds"/>, as file names, for messages ("needs subscriptions.csv").</summary>
    public static IEnumerable<string> FileNames(InputKind kinds) =>
        All.Where(k => (kinds & k.Kind) != 0).Select(k => k.FileName);
}
