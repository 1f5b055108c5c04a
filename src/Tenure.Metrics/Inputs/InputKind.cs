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

public static class InputKinds
{
    /// <summary>Every kind with the file name it is read from (accounts.csv, ...), in dependency order.</summary>
    public static readonly IReadOnlyList<(InputKind Kind, string FileName)> All =
    [
        (InputKind.Accounts, "accounts.csv"),
        (InputKind.Subscriptions, "subscriptions.csv"),
        (InputKind.Invoices, "invoices.csv"),
        (InputKind.Users, "users.csv"),
        (InputKind.Usage, "usage.csv"),
        (InputKind.Surveys, "surveys.csv"),
        (InputKind.Tickets, "tickets.csv"),
        (InputKind.Costs, "costs.csv"),
        (InputKind.Offers, "offers.csv"),
        (InputKind.Referrals, "referrals.csv"),
        (InputKind.Milestones, "milestones.csv"),
        (InputKind.Programs, "programs.csv"),
        (InputKind.Tasks, "tasks.csv"),
        (InputKind.Notes, "notes.csv"),
    ];

    public static string FileName(InputKind kind) => All.First(k => k.Kind == kind).FileName;

    /// <summary>The kinds set in <paramref name="kinds"/>, as file names, for messages ("needs subscriptions.csv").</summary>
    public static IEnumerable<string> FileNames(InputKind kinds) =>
        All.Where(k => (kinds & k.Kind) != 0).Select(k => k.FileName);

}
