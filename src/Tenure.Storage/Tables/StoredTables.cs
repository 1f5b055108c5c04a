using Tenure.Metrics.Inputs;
using Tenure.Storage.Schema;

namespace Tenure.Storage.Tables;

/// <summary>The table of every input kind, in <see cref="InputKinds.All"/> order (accounts first).</summary>
internal static class StoredTables
{
    public static readonly AccountsTable Accounts = new();
    public static readonly SubscriptionsTable Subscriptions = new();
    public static readonly InvoicesTable Invoices = new();
    public static readonly AccountUsersTable Users = new();
    public static readonly UsageDaysTable Usage = new();
    public static readonly SurveysTable Surveys = new();
    public static readonly TicketsTable Tickets = new();
    public static readonly CostsTable Costs = new();
    public static readonly OffersTable Offers = new();
    public static readonly ReferralsTable Referrals = new();
    public static readonly MilestonesTable Milestones = new();
    public static readonly ProgramsTable Programs = new();
    public static readonly TasksTable Tasks = new();
    public static readonly NotesTable Notes = new();

    public static readonly IReadOnlyList<KindTable> All =
    [
        Accounts, Subscriptions, Invoices, Users, Usage, Surveys, Tickets,
        Costs, Offers, Referrals, Milestones, Programs, Tasks, Notes,
    ];
}
