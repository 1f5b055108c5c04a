using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Accounts;

/// <summary>An account's support and survey figures at an instant.</summary>
public static class AccountSupport
{
    /// <summary>
    /// Tickets open at <paramref name="instant"/>: created at or before it and not resolved by then
    /// (resolved_at empty or after the instant). The status text is not consulted; resolved_at decides.
    /// </summary>
    public static int OpenTickets(IEnumerable<Ticket> tickets, DateTime instant)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        var open = 0;
        foreach (var t in tickets)
        {
            if (IsOpen(t, instant))
                open++;
        }
        return open;
    }

    public static bool IsOpen(Ticket ticket, DateTime instant)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return ticket.CreatedAt <= instant && (ticket.ResolvedAt is not { } resolved || resolved > instant);
    }

    /// <summary>
    /// The most recent NPS answer (survey "nps") submitted at or before <paramref name="instant"/>;
    /// of two submitted at the same instant, the one with the greater response id. Null when none.
    /// </summary>
    public static SurveyResponse? LatestNps(IEnumerable<SurveyResponse> surveys, DateTime instant)
    {
        ArgumentNullException.ThrowIfNull(surveys);
        SurveyResponse? latest = null;
        foreach (var s in surveys)
        {
            if (s.Survey != "nps" || s.SubmittedAt > instant)
                continue;
            if (latest is null || s.SubmittedAt > latest.SubmittedAt
                || (s.SubmittedAt == latest.SubmittedAt && string.CompareOrdinal(s.ResponseId, latest.ResponseId) > 0))
                latest = s;
        }
        return latest;
    }
}
