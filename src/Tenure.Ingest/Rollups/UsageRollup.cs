using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Rollups;

/// <summary>Counts posted usage events per account, user and UTC day, in order of first appearance.</summary>
public sealed class UsageRollup
{
    private readonly Dictionary<(string Account, string? User, long Day), int> index = [];
    private readonly List<UsageDay> days = [];

    public long Events { get; private set; }

    public IReadOnlyList<UsageDay> Days => days;

    public void AddAll(IEnumerable<UsageEvent> events)
    {
        foreach (var e in events)
        {
            Events++;
            var day = e.Timestamp.Ticks / TimeSpan.TicksPerDay;
            if (index.TryGetValue((e.AccountId, e.UserId, day), out var i))
            {
                days[i] = days[i] with { Events = checked(days[i].Events + 1) };
            }
            else
            {
                index.Add((e.AccountId, e.UserId, day), days.Count);
                days.Add(new UsageDay(e.AccountId, e.UserId, new DateTime(day * TimeSpan.TicksPerDay, DateTimeKind.Utc), 1));
            }
        }
    }
}
