using Tenure.Metrics.Inputs;

namespace Tenure.Demo.Simulation;

internal sealed partial class AccountSimulator
{
    private readonly List<DateTime> escalations = [];

    /// <summary>
    /// Tickets per paying month (more in the first months and when health is low), the child
    /// tickets of major incidents the account is hit by, and the CSAT / CES answers after them.
    /// </summary>
    private void SimulateSupport()
    {
        escalations.Clear();
        var rate = segment switch { Smb => 0.2, MidMarket => 0.35, _ => 0.58 };
        foreach (var span in payingSpans)
        {
            var end = Min(span.End, asOf);
            for (var monthStart = span.Start; monthStart < end; monthStart = monthStart.AddMonths(1))
            {
                var monthEnd = Min(monthStart.AddMonths(1), end);
                var share = (monthEnd - monthStart).TotalDays / (monthStart.AddMonths(1) - monthStart).TotalDays;
                var h = Health(monthStart);
                var early = firstPaid is { } first && monthStart < first.AddMonths(2) ? 1.8 : 1.0;
                var count = rng.Poisson(rate * (0.45 + (1.4 * (1 - h))) * early * share);
                for (var t = 0; t < count; t++)
                    CreateTicket(BusinessTime(DayBetween(monthStart, monthEnd)), h, null);
            }
            JoinIncidents(span.Start, end);
        }
    }

    private void JoinIncidents(DateTime from, DateTime to)
    {
        var incidents = world.Incidents.Incidents;
        for (var i = world.Incidents.FirstAtOrAfter(from); i < incidents.Count && incidents[i].At < to; i++)
        {
            var incident = incidents[i];
            if (incident.Region >= 0 && incident.Region != region)
                continue;
            if (incident.ParentTicketId is null)
            {
                incident.ParentTicketId = CreateTicket(incident.At, Health(incident.At), incident);
            }
            else if (incident.Children < 40 && rng.Chance(incident.ChildChance))
            {
                var at = incident.At.AddSeconds(rng.Between(120, (int)incident.Duration.TotalSeconds));
                if (at < to)
                {
                    incident.Children++;
                    CreateTicket(at, Health(at), incident);
                }
            }
        }
    }

    /// <summary>
    /// One ticket; for an incident, the major ticket (first account hit) or a child of it. Returns
    /// its id. Tickets not resolved by the as-of instant stay open (some blocked on engineering).
    /// </summary>
    private string CreateTicket(DateTime created, double h, MajorIncident? incident)
    {
        var id = world.TicketIds.Next();
        var isMajor = incident is not null && incident.ParentTicketId is null;
        var parent = incident is not null && !isMajor ? incident.ParentTicketId : null;
        var channel = Vocabulary.Channels[rng.PickWeighted(Vocabulary.ChannelWeights)];
        var agent = rng.Pick(Vocabulary.Agents);
        var firstResponseMinutes = channel switch
        {
            "chat" => rng.LogNormal(4, 0.8),
            "phone" => rng.Uniform(0, 3),
            _ => rng.LogNormal(150, 1.0),
        };
        var contacts = rng.Chance(0.6 + (0.15 * h)) ? 1 : Math.Min(8, 2 + rng.Geometric(0.45));
        var stuck = incident is null && rng.Chance(0.012);
        var blockedOnTheWay = rng.Chance(0.06);
        var resolutionHours = contacts == 1 ? rng.LogNormal(2.5, 1.1) : rng.LogNormal(10 * contacts, 0.9);
        if (blockedOnTheWay)
            resolutionHours *= 4;
        if (incident is not null)
        {
            contacts = isMajor ? rng.Between(2, 5) : rng.Between(1, 2);
            resolutionHours = ((incident.At + incident.Duration) - created).TotalHours + rng.Uniform(0.1, 2);
        }
        var firstResponse = created.AddSeconds(Math.Floor(firstResponseMinutes * 60) + 30);
        var resolved = Max(created.AddSeconds(Math.Floor(Math.Min(resolutionHours, 24 * 30) * 3600)), firstResponse.AddMinutes(5));
        var escalated = isMajor || rng.Chance(0.03 + (0.12 * (1 - h)) + (contacts >= 3 ? 0.1 : 0));
        if (escalated)
            escalations.Add(created);

        Ticket ticket;
        if (stuck || resolved >= asOf)
        {
            var answered = firstResponse < asOf;
            var blocked = stuck ? rng.Chance(0.7) : blockedOnTheWay;
            ticket = new Ticket(
                id, accountId, created,
                answered ? firstResponse : null,
                null,
                answered ? Math.Max(1, contacts - 1) : null,
                escalated, agent, channel,
                blocked ? "on_hold" : answered ? "pending" : "open",
                blocked, parent, isMajor,
                answered && rng.Chance(0.5) ? Math.Round((decimal)rng.LogNormal(10, 0.6), 1) : null);
        }
        else
        {
            var (reopens, finalSolve) = incident is null ? Reopen(resolved, h) : (0, resolved);
            ticket = new Ticket(
                id, accountId, created, firstResponse, finalSolve, contacts, escalated, agent, channel,
                finalSolve >= asOf.AddDays(-4) ? "solved" : "closed",
                false, parent, isMajor,
                rng.Chance(0.85) ? Math.Round((decimal)rng.LogNormal(12 * Math.Pow(contacts, 0.8), 0.6), 1) : null,
                reopens);
            SurveysAfterTicket(ticket, h);
        }
        // An e-mailed ticket's requester is known (requester_email, for CSAT requests by mail); no random draw, so the
        // rest of the simulation is unchanged. Addresses are on the reserved .example domain (RFC 2606).
        if (channel == "email")
            ticket = ticket with { RequesterEmail = $"help@{accountId.Replace('_', '-')}.example" };
        batch.TicketList.Add(ticket);
        return id;
    }

    /// <summary>
    /// Whether a solved ticket comes back: a few % do (more at unhealthy accounts), once or, for one
    /// in five of those, twice, each time solved again hours to days later. Returns the reopen count and
    /// the final solve, which is resolved_at; a ticket whose final solve would fall after the as-of
    /// instant is left as first solved.
    /// </summary>
    private (int Reopens, DateTime FinalSolve) Reopen(DateTime firstSolve, double h)
    {
        if (!reopenRng.Chance(0.025 + (0.04 * (1 - h))))
            return (0, firstSolve);
        var reopens = reopenRng.Chance(0.2) ? 2 : 1;
        var finalSolve = firstSolve;
        for (var i = 0; i < reopens; i++)
            finalSolve = finalSolve.AddSeconds(Math.Floor(reopenRng.LogNormal(20, 0.9) * 3600));
        return finalSolve < asOf ? (reopens, finalSolve) : (0, firstSolve);
    }

    private void SurveysAfterTicket(Ticket ticket, double h)
    {
        var resolved = ticket.ResolvedAt!.Value;
        var contacts = ticket.Contacts ?? 1;
        if (rng.Chance(0.22))
        {
            var at = resolved.AddSeconds(rng.Between(600, 48 * 3600));
            if (at < asOf)
            {
                var quality = 0.55 + (0.45 * h) - (0.1 * (contacts - 1)) - (ticket.Escalated ? 0.15 : 0)
                    - ((resolved - ticket.CreatedAt).TotalHours > 48 ? 0.1 : 0);
                var score = (int)DemoRandom.Clamp(Math.Round(1 + (4 * quality) + rng.Normal(0, 0.7)), 1, 5);
                var comment = Comment(0.25, score >= 4 ? Vocabulary.CsatPositiveComments : score <= 2 ? Vocabulary.CsatNegativeComments : Vocabulary.PassiveComments);
                AddResponse("csat", score, Scale.OneToFive, comment, at, ticket.TicketId);
            }
        }
        if (rng.Chance(0.08))
        {
            var at = resolved.AddSeconds(rng.Between(600, 72 * 3600));
            if (at < asOf)
                AddEffortResponse(at, h, contacts, ticket.TicketId);
        }
    }

    private void AddEffortResponse(DateTime at, double h, int contacts, string? ticketId)
    {
        var ease = 0.4 + (0.4 * h) - (0.08 * (contacts - 1));
        var score = (int)DemoRandom.Clamp(Math.Round(1 + (6 * ease) + rng.Normal(0, 0.9)), 1, 7);
        AddResponse("ces", score, Scale.OneToSeven, Comment(0.15, Vocabulary.EffortComments), at, ticketId);
    }

    private void AddResponse(string survey, int score, Scale scale, string? comment, DateTime at, string? ticketId) =>
        batch.SurveyList.Add(new SurveyResponse(world.ResponseIds.Next(), survey, accountId, UserAt(at), score, scale, comment, at, ticketId));

    /// <summary>
    /// A comment with the given chance, from <paramref name="pool"/>. The awkward comments (quotes,
    /// line breaks, markup, non-ASCII) each appear early in every data set, then rarely.
    /// </summary>
    private string? Comment(double chance, string[] pool)
    {
        if (!rng.Chance(chance))
            return null;
        var n = world.CommentCount++;
        var awkward = Vocabulary.AwkwardComments;
        if ((n % 40 == 7 && n / 40 < awkward.Length) || n % 997 == 500)
            return awkward[(n / 40) % awkward.Length];
        return rng.Pick(pool);
    }
}
