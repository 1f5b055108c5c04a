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
        return DataSetDerivations.GetOrAdd(data, "web/agent-data-set", Build);
    }

    private static TenureDataSet Build(TenureDataSet data)
    {
        var agentOfTicket = new Dictionary<string, string>(data.Tickets.Count, StringComparer.Ordinal);
        var tickets = new List<Ticket>(data.Tickets.Count);
        foreach (var t in data.Tickets)
        {
            var agent = string.IsNullOrWhiteSpace(t.Agent) ? Unassigned : t.Agent;
            agentOfTicket.TryAdd(t.TicketId, agent);
            tickets.Add(t with { AccountId = agent });
        }
        var surveys = new List<SurveyResponse>();
        foreach (var s in data.Surveys)
        {
            if (s.TicketId is { } ticket && agentOfTicket.TryGetValue(ticket, out var agent))
                surveys.Add(s with { AccountId = agent });
        }
        var agents = agentOfTicket.Values.Distinct(StringComparer.Ordinal)
            .Select(a => new Account(a, a, DateTime.UnixEpoch, Csm: a)).ToList();
        return new TenureDataSet
        {
            Accounts = agents,
            Tickets = tickets,
            Surveys = surveys,
            Present = InputKind.Accounts | (data.Present & (InputKind.Tickets | InputKind.Surveys)),
        };
    }

    /// <summary>The split that gives one segment per agent.</summary>
    public const SegmentBy By = SegmentBy.Csm;
}
