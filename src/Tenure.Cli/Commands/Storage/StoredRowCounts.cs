using Tenure.Metrics.Inputs;

namespace Tenure.Cli.Commands.Storage;

/// <summary>How many rows a kind of a data set stores as (usage: its per account, user and day rollups).</summary>
internal static class StoredRowCounts
{
    public static long Of(TenureDataSet data, InputKind kind) => kind switch
    {
        InputKind.Accounts => data.Accounts.Count,
        InputKind.Subscriptions => data.Subscriptions.Count,
        InputKind.Invoices => data.Invoices.Count,
        InputKind.Users => data.Users.Count,
        InputKind.Usage => data.Usage.Count,
        InputKind.Surveys => data.Surveys.Count,
        InputKind.Tickets => data.Tickets.Count,
        InputKind.Costs => data.Costs.Count,
        InputKind.Offers => data.Offers.Count,
        InputKind.Referrals => data.Referrals.Count,
        InputKind.Milestones => data.Milestones.Count,
        InputKind.Programs => data.Programs.Count,
        InputKind.Tasks => data.Tasks.Count,
        InputKind.Notes => data.Notes.Count,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a single input kind."),
    };
}
