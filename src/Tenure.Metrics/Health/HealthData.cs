using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Subscriptions;

namespace Tenure.Metrics.Health;

/// <summary>
/// The rows the health score reads, grouped by account once (O(rows)) so that scoring an account reads only
/// its own rows: paid coverage (<see cref="SubscriptionCoverage"/>, with the workspace's churn grace), users,
/// usage days, NPS answers, tickets and touches (task completions and note dates). Read-only after
/// <see cref="Of"/>; any number of threads may score from it, at any number of instants.
/// </summary>
public sealed class HealthData
{
    internal readonly AccountDirectory Directory;
    internal readonly SubscriptionCoverage Coverage;
    internal readonly (User[] Items, int[] Offsets) Users;
    internal readonly (IReadOnlyList<UsageDay> Items, int[] Offsets) Usage;
    internal readonly (SurveyResponse[] Items, int[] Offsets) Nps;
    internal readonly (Ticket[] Items, int[] Offsets) Tickets;
    internal readonly (DateTime[] Items, int[] Offsets) Touches;

    private HealthData(TenureDataSet data, int churnGraceDays)
    {
        var shared = SharedDerivations.Of(data);
        Directory = shared.Accounts;
        HasTickets = data.Has(InputKind.Tickets);
        // The groupings are independent of each other: built side by side.
        SubscriptionCoverage? coverage = null;
        (User[], int[]) users = default;
        (IReadOnlyList<UsageDay>, int[]) usage = default;
        (SurveyResponse[], int[]) nps = default;
        (Ticket[], int[]) tickets = default;
        (DateTime[], int[]) touches = default;
        var directory = Directory;
        Parallel.Invoke(
            InParallel.Here(),
            () => coverage = shared.Coverage(churnGraceDays),
            () => usage = directory.GroupRowsByAccount(data.Usage, InputKinds.Usage.AccountIdOf!),
            () => users = directory.GroupByAccount(data.Users, InputKinds.Users.AccountIdOf!),
            () => nps = directory.GroupByAccount([.. data.Surveys.Where(s => s.Survey == "nps")], s => s.AccountId),
            () => tickets = directory.GroupByAccount(data.Tickets, InputKinds.Tickets.AccountIdOf!),
            () => touches = TouchesOf(directory, data));
        Coverage = coverage!;
        Users = users;
        Usage = usage;
        Nps = nps;
        Tickets = tickets;
        Touches = touches;
        Ids = new string[Directory.Count];
        var unnamed = 0;
        for (var a = 0; a < Ids.Length; a++)
        {
            if (Directory.Accounts[a] is { } account) Ids[a] = account.AccountId;
            else unnamed++;
        }
        if (unnamed > 0)
        {
            // Without accounts.csv the directory numbers every id a record names; recover the id of each number.
            foreach (var kind in InputKinds.All)
            {
                kind.ForEachAccountId(data, id =>
                {
                    if (id is not null && Directory.IndexOf(id) is var a and >= 0) Ids[a] ??= id;
                });
            }
        }
    }

    /// <summary>Touches (task completions and note dates) grouped by account.</summary>
    private static (DateTime[] Items, int[] Offsets) TouchesOf(AccountDirectory directory, TenureDataSet data)
    {
        var touches = new List<(string Account, DateTime At)>(data.Tasks.Count + data.Notes.Count);
        foreach (var task in data.Tasks)
        {
            if (task is { AccountId: { } account, CompletedAt: { } done })
                touches.Add((account, done));
        }
        foreach (var note in data.Notes)
        {
            if (note.AccountId is { } account)
                touches.Add((account, note.Date));
        }
        var (grouped, offsets) = directory.GroupByAccount(touches, t => t.Account);
        var at = new DateTime[grouped.Length];
        for (var i = 0; i < grouped.Length; i++)
            at[i] = grouped[i].At;
        return (at, offsets);
    }

    /// <summary>The account id of each account number.</summary>
    internal readonly string[] Ids;

    /// <summary>
    /// Groups <paramref name="data"/> for scoring. <paramref name="churnGraceDays"/> is the workspace's churn
    /// grace (METRICS.md "Churn grace", <see cref="MetricOptions.ChurnGraceDays"/>): who is a customer at D,
    /// MRR at an instant and the end of paid coverage follow the same coverage as every other metric.
    /// </summary>
    public static HealthData Of(TenureDataSet data, int churnGraceDays = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new HealthData(data, churnGraceDays);
    }

    /// <summary>True when tickets.csv was given (present, even empty): without it the support factor is missing.</summary>
    public bool HasTickets { get; }

    /// <summary>How many accounts the data names (customers or not).</summary>
    public int AccountCount => Directory.Count;

    /// <summary>The index of <paramref name="accountId"/>, or -1 when the data does not name it.</summary>
    public int IndexOf(string accountId) => Directory.IndexOf(accountId);
}
