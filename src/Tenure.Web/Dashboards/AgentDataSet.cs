using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

namespace Tenure.Web.Dashboards;

/// <summary>
/// Support figures per agent from the metric engine: the engine splits by account attributes, not by
/// agent, so this builds a data set in which each agent is an "account" (its CSM attribute is the agent)
/// holding that agent's tickets and the survey answers about them (by ticket_id). Split by csm, the
/// engine's segments are then the agents. Only per-ticket figures mean anything per agent (tickets,
/// response and resolution times, FCR, resolution rate, handle time, backlog, CSAT), never per-account
/// ones such as the escalation rate or major-case impact.
/// </summary>
public static class AgentDataSet
{
    public const string Unassigned = "(unassigned)";

    /// <summary>
    /// The agents' data set of <paramref name="data"/>, made once per data set and kept with it
    /// (<see cref="DataSetDerivations"/>): every support and CS manager view reads it, and the engine's own shared
    /// derivations then serve it too. Shared: not to be changed.
    /// </summary>
    public static TenureDataSet Of(TenureDataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return DataSetDerivations.GetOrAdd(data, Key, Build);
    }

    /// <summary>Whether <paramref name="agents"/> is the agents' data set made of <paramref name="data"/> (<see cref="Of"/>); never makes it.</summary>
    public static bool IsAgentsOf(TenureDataSet agents, TenureDataSet data) =>
        DataSetDerivations.Built<TenureDataSet>(data, Key) is { } built && ReferenceEquals(built, agents);

    private static TenureDataSet Build(TenureDataSet data)
    {
        // A segment's agents (a filtered view's) are the whole data set's agents on fewer tickets: when those are made
        // already, their ticket records are reused and what the engine works out per ticket is gathered from theirs.
        var whole = DataSetDerivations.WholeOf(data);
        var agentsOfWhole = whole is null ? null : DataSetDerivations.Built<TenureDataSet>(whole, Key);
        var wholeTickets = agentsOfWhole is null ? null : PositionsIn(whole!.Tickets, data.Tickets);
        var agentOfTicket = new Dictionary<string, string>(data.Tickets.Count, StringComparer.Ordinal);
        var tickets = new List<Ticket>(data.Tickets.Count);
        for (var k = 0; k < data.Tickets.Count; k++)
        {
            var t = data.Tickets[k];
            var agent = string.IsNullOrWhiteSpace(t.Agent) ? Unassigned : t.Agent;
            agentOfTicket.TryAdd(t.TicketId, agent);
            tickets.Add(wholeTickets is null ? t with { AccountId = agent } : agentsOfWhole!.Tickets[wholeTickets[k]]);
        }
        var surveys = new List<SurveyResponse>();
        foreach (var s in data.Surveys)
        {
            if (s.TicketId is { } ticket && agentOfTicket.TryGetValue(ticket, out var agent))
                surveys.Add(s with { AccountId = agent });
        }
        var agents = agentOfTicket.Values.Distinct(StringComparer.Ordinal)
            .Select(a => new Account(a, a, DateTime.UnixEpoch, Csm: a)).ToList();
        var agentData = new TenureDataSet
        {
            Accounts = agents,
            Tickets = tickets,
            Surveys = surveys,
            Present = InputKind.Accounts | (data.Present & (InputKind.Tickets | InputKind.Surveys)),
        };
        if (wholeTickets is not null)
            DataSetDerivations.TicketsFrom(agentData, agentsOfWhole!, wholeTickets);
        return agentData;
    }

    /// <summary>
    /// The position in <paramref name="whole"/> of each of <paramref name="part"/>'s records, the same objects in the same
    /// order (a segment's tickets are the whole's it keeps); null when they are not.
    /// </summary>
    private static int[]? PositionsIn(IReadOnlyList<Ticket> whole, IReadOnlyList<Ticket> part)
    {
        var positions = new int[part.Count];
        var k = 0;
        for (var i = 0; i < whole.Count && k < part.Count; i++)
        {
            if (ReferenceEquals(whole[i], part[k]))
                positions[k++] = i;
        }
        return k == part.Count ? positions : null;
    }

    private const string Key = "web/agent-data-set";

    /// <summary>The split that gives one segment per agent.</summary>
    public const SegmentBy By = SegmentBy.Csm;
}
