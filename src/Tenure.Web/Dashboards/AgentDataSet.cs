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
        // already, their ticket and survey answer records are reused and what the engine works out per ticket is gathered
        // from theirs.
        var whole = DataSetDerivations.WholeOf(data);
        var agentsOfWhole = whole is null ? null : DataSetDerivations.Built<TenureDataSet>(whole, Key);
        var wholeTickets = agentsOfWhole is null ? null : PositionsIn(whole!.Tickets, data.Tickets);
        if (wholeTickets is not null
            && DataSetDerivations.GetOrAdd(agentsOfWhole!, LinksKey, agents => WholeLinks.Of(whole!, agents)) is { Usable: true } links
            && PositionsIn(whole!.Surveys, data.Surveys) is { } wholeSurveys)
        {
            return FromWhole(data, agentsOfWhole!, links, wholeTickets, links.SurveysOf(agentsOfWhole!, wholeTickets, wholeSurveys));
        }

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
        var agentData = Assemble(data, agentOfTicket.Values, tickets, surveys);
        if (wholeTickets is not null)
            DataSetDerivations.TicketsFrom(agentData, agentsOfWhole!, wholeTickets);
        else if (whole is null)
            // The whole data set's agents: their answers' links made now (the server makes these when it warms its views),
            // not on a segment's first view.
            DataSetDerivations.GetOrAdd(agentData, LinksKey, agents => WholeLinks.Of(data, agents));
        return agentData;
    }

    /// <summary>
    /// A segment's agents from the whole data set's: the whole's agent ticket at each of <paramref name="wholeTickets"/> and
    /// the given agent survey answers, with the agents in the order their first ticket comes (as the tickets' own build
    /// lists them), found by the tickets' agent numbers (<see cref="WholeLinks"/>), not by reading each ticket.
    /// </summary>
    private static TenureDataSet FromWhole(TenureDataSet data, TenureDataSet agentsOfWhole, WholeLinks links, int[] wholeTickets, List<SurveyResponse> surveys)
    {
        var tickets = new Ticket[wholeTickets.Length];
        // Written through a span: no array-covariance check per ticket.
        var into = tickets.AsSpan();
        var seen = new bool[links.Agents.Length];
        var agents = new List<string>();
        for (var k = 0; k < wholeTickets.Length; k++)
        {
            var t = wholeTickets[k];
            into[k] = agentsOfWhole.Tickets[t];
            var agent = links.AgentOf[t];
            if (!seen[agent])
            {
                seen[agent] = true;
                agents.Add(links.Agents[agent]);
            }
        }
        var agentData = Assemble(data, agents, tickets, surveys);
        DataSetDerivations.TicketsFrom(agentData, agentsOfWhole, wholeTickets);
        return agentData;
    }

    /// <summary>
    /// The agents of <paramref name="data"/> within each value of the account attribute <paramref name="within"/> (plan,
    /// segment, industry or region): an "account" per value and agent, whose csm is the agent and whose
    /// <paramref name="within"/> attribute is the value, holding the agent's tickets on accounts of that value and the
    /// answers about them from accounts of that value. Split by csm within <paramref name="within"/>
    /// (<see cref="MetricRequest.Within"/>), a segment's figures are the agent's in the agents' data set of the data narrowed
    /// to the value (<see cref="Of"/> of <see cref="Metrics.Drilldown.SegmentFilter.Apply"/>): a ticket goes by its account's
    /// value (an account not in accounts.csv, or without the attribute, "(none)"), an answer by its own account's value and
    /// to the agent of the first ticket of that value with its ticket id, as the segment's agents take them. Not kept: the
    /// server builds a grid of it and drops it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="within"/> is not plan, segment, industry or region.</exception>
    public static TenureDataSet Within(TenureDataSet data, SegmentBy within)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (within is not (SegmentBy.Plan or SegmentBy.Segment or SegmentBy.Industry or SegmentBy.Region))
            throw new ArgumentOutOfRangeException(nameof(within), within, "The agents are split within plan, segment, industry or region.");
        // An account's attributes are its first accounts.csv row's, as a filter reads them.
        var accountValue = new Dictionary<string, string>(data.Accounts.Count, StringComparer.Ordinal);
        foreach (var account in data.Accounts)
            accountValue.TryAdd(account.AccountId, Known(Segmentation.AttributeOf(account, within)));
        string ValueOf(string? accountId) => accountId is not null && accountValue.TryGetValue(accountId, out var value) ? value : Segmentation.NoneValue;

        var agentOfTicket = new Dictionary<(string Value, string TicketId), string>(data.Tickets.Count);
        var agents = new Dictionary<string, (string Value, string Agent)>(StringComparer.Ordinal);
        var tickets = new Ticket[data.Tickets.Count];
        for (var k = 0; k < data.Tickets.Count; k++)
        {
            var t = data.Tickets[k];
            var value = ValueOf(t.AccountId);
            var agent = string.IsNullOrWhiteSpace(t.Agent) ? Unassigned : t.Agent;
            agentOfTicket.TryAdd((value, t.TicketId), agent);
            var id = Segmentation.WithinValue(value, agent);
            agents.TryAdd(id, (value, agent));
            tickets[k] = t with { AccountId = id };
        }
        var surveys = new List<SurveyResponse>();
        foreach (var s in data.Surveys)
        {
            var value = ValueOf(s.AccountId);
            if (s.TicketId is { } ticket && agentOfTicket.TryGetValue((value, ticket), out var agent))
                surveys.Add(s with { AccountId = Segmentation.WithinValue(value, agent) });
        }
        var accounts = agents.Select(pair =>
        {
            var account = new Account(pair.Key, pair.Value.Agent, DateTime.UnixEpoch, Csm: pair.Value.Agent);
            return within switch
            {
                SegmentBy.Plan => account with { Plan = pair.Value.Value },
                SegmentBy.Segment => account with { Segment = pair.Value.Value },
                SegmentBy.Industry => account with { Industry = pair.Value.Value },
                _ => account with { Region = pair.Value.Value },
            };
        });
        return new TenureDataSet
        {
            Accounts = [.. accounts],
            Tickets = tickets,
            Surveys = surveys,
            Present = InputKind.Accounts | (data.Present & (InputKind.Tickets | InputKind.Surveys)),
        };
    }

    private static string Known(string? value) => string.IsNullOrWhiteSpace(value) ? Segmentation.NoneValue : value;

    /// <summary>The agents' data set: each agent (distinct, in the order given) an account whose csm is the agent.</summary>
    private static TenureDataSet Assemble(TenureDataSet data, IEnumerable<string> agentOfEachTicket, IReadOnlyList<Ticket> tickets, IReadOnlyList<SurveyResponse> surveys) => new()
    {
        Accounts = [.. agentOfEachTicket.Distinct(StringComparer.Ordinal).Select(a => new Account(a, a, DateTime.UnixEpoch, Csm: a))],
        Tickets = tickets,
        Surveys = surveys,
        Present = InputKind.Accounts | (data.Present & (InputKind.Tickets | InputKind.Surveys)),
    };

    /// <summary>
    /// What a segment's agents take from the whole data set's agents, by position: each of their tickets' agent (a number
    /// into <see cref="Agents"/>), and which of the whole's survey answers they hold, for which ticket: each answer's
    /// ticket (its position in the whole's tickets; -1 for none) and its agent answer (its position in the agents' answers;
    /// -1 for none). Made only when every ticket id of the whole is its own (else not <see cref="Usable"/>): then an answer
    /// is about a segment's ticket exactly when that ticket is one of the segment's, and its agent answer is the segment's too.
    /// </summary>
    private sealed class WholeLinks(int[] ticketOf, int[] agentAnswerOf, int[] agentOf, string[] agents)
    {
        private static readonly WholeLinks None = new([], [], [], []);

        /// <summary>Whether the links were made (each of the whole's ticket ids is its own).</summary>
        public bool Usable => !ReferenceEquals(this, None);

        /// <summary>The agent of each of the whole agents' tickets, as a number into <see cref="Agents"/>.</summary>
        public int[] AgentOf { get; } = agentOf;

        /// <summary>The whole's agents, each once.</summary>
        public string[] Agents { get; } = agents;

        public static WholeLinks Of(TenureDataSet whole, TenureDataSet agentsOfWhole)
        {
            var ticketById = new Dictionary<string, int>(whole.Tickets.Count, StringComparer.Ordinal);
            for (var t = 0; t < whole.Tickets.Count; t++)
            {
                if (!ticketById.TryAdd(whole.Tickets[t].TicketId, t))
                    return None;
            }
            var ticketOf = new int[whole.Surveys.Count];
            var agentAnswerOf = new int[whole.Surveys.Count];
            var answers = 0;
            for (var s = 0; s < whole.Surveys.Count; s++)
            {
                var linked = whole.Surveys[s].TicketId is { } id && ticketById.TryGetValue(id, out ticketOf[s]);
                if (!linked)
                    ticketOf[s] = -1;
                agentAnswerOf[s] = linked ? answers++ : -1;
            }
            var agentOf = new int[agentsOfWhole.Tickets.Count];
            var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
            var agents = new List<string>();
            for (var t = 0; t < agentOf.Length; t++)
            {
                var agent = agentsOfWhole.Tickets[t].AccountId;
                if (!numbers.TryGetValue(agent, out agentOf[t]))
                {
                    numbers[agent] = agentOf[t] = agents.Count;
                    agents.Add(agent);
                }
            }
            // The whole's agents took the linked answers in this order; anything else and the positions mean nothing.
            return answers == agentsOfWhole.Surveys.Count ? new WholeLinks(ticketOf, agentAnswerOf, agentOf, [.. agents]) : None;
        }

        /// <summary>The agent answers of the whole's answers at <paramref name="wholeSurveys"/> about the tickets at <paramref name="wholeTickets"/>, in order.</summary>
        public List<SurveyResponse> SurveysOf(TenureDataSet agentsOfWhole, int[] wholeTickets, int[] wholeSurveys)
        {
            var kept = new bool[agentsOfWhole.Tickets.Count];
            foreach (var t in wholeTickets)
                kept[t] = true;
            var surveys = new List<SurveyResponse>();
            foreach (var s in wholeSurveys)
            {
                if (ticketOf[s] >= 0 && kept[ticketOf[s]])
                    surveys.Add(agentsOfWhole.Surveys[agentAnswerOf[s]]);
            }
            return surveys;
        }
    }

    /// <summary>
    /// The position in <paramref name="whole"/> of each of <paramref name="part"/>'s records, the same objects in the same
    /// order (a segment's tickets and survey answers are the whole's it keeps); null when they are not.
    /// </summary>
    private static int[]? PositionsIn<T>(IReadOnlyList<T> whole, IReadOnlyList<T> part) where T : class
    {
        // As spans: a call through the list's interface per record was most of a large segment's walk over the whole's
        // 500,000 tickets (docs/adr/0415).
        ReadOnlySpan<T> wholeRows = RowSpans.Of(whole), partRows = RowSpans.Of(part);
        var positions = new int[partRows.Length];
        var k = 0;
        for (var i = 0; i < wholeRows.Length && k < partRows.Length; i++)
        {
            if (ReferenceEquals(wholeRows[i], partRows[k]))
                positions[k++] = i;
        }
        return k == partRows.Length ? positions : null;
    }

    private const string Key = "web/agent-data-set";

    private const string LinksKey = "web/agent-survey-links";

    /// <summary>The split that gives one segment per agent.</summary>
    public const SegmentBy By = SegmentBy.Csm;
}
