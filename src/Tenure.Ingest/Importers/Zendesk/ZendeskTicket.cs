using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Importers.Zendesk;

/// <summary>A Zendesk satisfaction rating that was given.</summary>
internal enum ZendeskRating { Good, Bad }

/// <summary>Where each value of a Zendesk ticket is in the export (CSV columns or JSON properties), for errors.</summary>
internal sealed record ZendeskFields(
    string Id, string Organization, string Created, string FirstReply, string Solved, string Replies, string Reopens,
    string Agent, string Channel, string Status, string Rating, string Requester);

/// <summary>
/// A Zendesk ticket as both exports give it, and the one mapping to Tenure's records: tickets.csv,
/// and a csat answer in surveys.csv for a good or bad satisfaction rating (good -> 5, bad -> 1 on 1-5,
/// so csat = good / (good + bad) x 100, Zendesk's satisfaction score).
/// </summary>
internal sealed record ZendeskTicket(
    ExportOrigin Origin, string Id, string AccountId, DateTime Created, DateTime? FirstReply, DateTime? Solved,
    int? Replies, int Reopens, string? Agent, string? Channel, string Status, ZendeskRating? Rating, DateTime RatedAt,
    string RatedAtField, string? RequesterEmail = null)
{
    /// <summary>Zendesk's statuses; solved and closed tickets are resolved, hold means waiting on a third party (blocked).</summary>
    public static readonly IReadOnlyList<string> Statuses = ["new", "open", "pending", "hold", "solved", "closed"];

    public static bool IsResolved(string status) => status is "solved" or "closed";

    /// <summary>The instant <paramref name="minutes"/> after <paramref name="start"/>, to the tick.</summary>
    public static DateTime After(DateTime start, decimal minutes) => start.AddTicks((long)(minutes * TimeSpan.TicksPerMinute));

    public void AddTo(MappedData data, ZendeskFields fields)
    {
        data.Of(InputKinds.Tickets).Add(Origin)
            .Set("ticket_id", Id, fields.Id)
            .Set("account_id", AccountId, fields.Organization)
            .Set("created_at", Created, fields.Created)
            .Set("first_response_at", FirstReply, fields.FirstReply)
            .Set("resolved_at", Solved, fields.Solved)
            .Set("contacts", Replies, fields.Replies)
            .Set("agent", Agent, fields.Agent)
            .Set("channel", Channel, fields.Channel)
            .Set("status", Status, fields.Status)
            .Set("blocked", Status == "hold" ? "true" : null, fields.Status)
            .Set("reopens", Reopens, fields.Reopens)
            .Set("requester_email", RequesterEmail, fields.Requester);
        if (Rating is { } rating)
        {
            data.Of(InputKinds.Surveys).Add(Origin)
                .Set("response_id", $"zendesk-csat-{Id}", fields.Id)
                .Set("survey", "csat", fields.Rating)
                .Set("account_id", AccountId, fields.Organization)
                .Set("score", rating == ZendeskRating.Good ? 5 : 1, fields.Rating)
                .Set("scale", "1-5", fields.Rating)
                .Set("submitted_at", RatedAt, RatedAtField)
                .Set("ticket_id", Id, fields.Id);
        }
    }

    /// <summary>Reads a satisfaction value: good / bad (with or without a comment) is a rating; offered, unoffered, not offered or blank is none.</summary>
    public static bool TryRating(string? text, out ZendeskRating? rating)
    {
        rating = null;
        var value = (text ?? "").Trim().ToLowerInvariant().Replace('_', ' ');
        switch (value)
        {
            case "good" or "good with comment":
                rating = ZendeskRating.Good;
                return true;
            case "bad" or "bad with comment":
                rating = ZendeskRating.Bad;
                return true;
            case "" or "offered" or "unoffered" or "not offered":
                return true;
            default:
                return false;
        }
    }
}
