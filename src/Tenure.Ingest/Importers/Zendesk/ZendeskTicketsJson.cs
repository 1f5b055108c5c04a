using System.Text.Json;

namespace Tenure.Ingest.Importers.Zendesk;

/// <summary>
/// The JSON of Zendesk's incremental ticket export -> tickets.csv and surveys.csv, as the CSV export
/// maps. The file is one response body (or several pages' tickets in one "tickets" array): its
/// "tickets" are read with their metrics from the ticket's "metric_set" (include=metric_sets) or the
/// "metric_sets" / "ticket_metrics" arrays (by ticket_id), and the "organizations", "users" and
/// "groups" arrays, when present, give the names of the ids the tickets hold. Deleted tickets are left out.
/// </summary>
internal static class ZendeskTicketsJson
{
    private static readonly ZendeskFields Fields = new(
        "id", "organization_id", "created_at", "metric_set.reply_time_in_minutes.calendar", "metric_set.solved_at",
        "metric_set.replies", "metric_set.reopens", "assignee_id", "via.channel", "status", "satisfaction_rating.score", "requester_id");

    public static void Map(ExportSource source, MappedData data)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(source.ReadAllBytes(), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1})" : "";
            data.Errors.Add(new InputError(source.FileName, (int)(e.LineNumber ?? 0) + 1, null, $"not valid JSON{where}: {e.Message.Split(". ")[0]}"));
            return;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("tickets", out var tickets) || tickets.ValueKind != JsonValueKind.Array)
            {
                data.Errors.Add(new InputError(source.FileName, 0, "tickets", "not Zendesk's incremental ticket export: the body has no \"tickets\" array"));
                return;
            }
            var metrics = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var name in (string[])["metric_sets", "ticket_metrics"])
            {
                foreach (var metric in ArrayOf(root, name))
                {
                    if (JsonExport.At(metric, "ticket_id") is { } ticketId)
                        metrics[ticketId.GetRawText().Trim('"')] = metric;
                }
            }
            var organizations = NamesOf(root, "organizations");
            var users = NamesOf(root, "users");
            var groups = NamesOf(root, "groups");
            var emails = NamesOf(root, "users", "email");

            int index = -1;
            foreach (var ticket in tickets.EnumerateArray())
            {
                index++;
                var origin = new ExportOrigin(source.FileName, 0, index);
                var json = new JsonExport(origin, data.Errors, data.Options.ReadOptions.MaxErrorsPerFile);
                if (json.IsFull)
                    break;
                Read(ticket, json, origin, data, metrics, organizations, users, groups, emails);
            }
        }
    }

    private static void Read(JsonElement ticket, JsonExport json, ExportOrigin origin, MappedData data, Dictionary<string, JsonElement> metrics,
        Dictionary<string, string> organizations, Dictionary<string, string> users, Dictionary<string, string> groups, Dictionary<string, string> emails)
    {
        if (ticket.ValueKind != JsonValueKind.Object)
        {
            json.Error("tickets", "each ticket must be an object");
            return;
        }
        string id = json.RequiredText(ticket, "id");
        string status = (json.Text(ticket, "status") ?? "").ToLowerInvariant();
        if (status == "deleted")
            return;
        if (status.Length == 0)
            json.Error("status", "value is required");
        else if (!ZendeskTicket.Statuses.Contains(status))
            json.Error("status", $"'{status}' is not a Zendesk ticket status Tenure can place ({string.Join(", ", ZendeskTicket.Statuses)})");

        string accountId = "";
        var organizationId = json.Text(ticket, "organization_id");
        if (organizationId is null)
            json.Error("organization_id", "value is required: a ticket must belong to an account (Tenure has no tickets without one)");
        else if (data.Accounts.Resolve(organizations.GetValueOrDefault(organizationId, organizationId), out var problem) is { } resolved)
            accountId = resolved;
        else if (organizations.ContainsKey(organizationId) && data.Accounts.Resolve(organizationId, out _) is { } byId)
            accountId = byId;
        else
            json.Error("organization_id", problem!);

        var created = json.Instant(ticket, "created_at");
        if (created is null)
            json.Error("created_at", "value is required");
        var updated = json.Instant(ticket, "updated_at");
        var agentId = json.Text(ticket, "assignee_id");
        var groupId = json.Text(ticket, "group_id");
        var agent = agentId is not null ? users.GetValueOrDefault(agentId, agentId)
            : groupId is not null ? groups.GetValueOrDefault(groupId, groupId) : null;
        var channel = json.Text(ticket, "via.channel");
        // The requester's address, when the users array is side-loaded (include=users); checked by the tickets reader.
        var requesterId = json.Text(ticket, "requester_id");
        var requesterEmail = requesterId is not null && emails.TryGetValue(requesterId, out var email) && email.Length > 0 ? email : null;
        var rawRating = json.Text(ticket, "satisfaction_rating.score");
        if (!ZendeskTicket.TryRating(rawRating, out var rating))
            json.Error("satisfaction_rating.score", $"'{rawRating}' is not a Zendesk satisfaction score (good, bad, offered, unoffered)");

        // The metrics: inline (include=metric_sets) or from the arrays by ticket id.
        var metric = JsonExport.At(ticket, "metric_set") ?? (metrics.TryGetValue(id, out var found) ? found : (JsonElement?)null);
        string prefix = JsonExport.At(ticket, "metric_set") is null && metric is not null ? "metric_sets[ticket_id]." : "metric_set.";
        DateTime? solvedAt = null;
        decimal? firstReply = null, fullResolution = null;
        int? replies = null;
        int reopens = 0;
        if (metric is { } m)
        {
            solvedAt = json.Instant(m, "solved_at", prefix + "solved_at");
            firstReply = json.Number(m, "reply_time_in_minutes.calendar", InputLimits.Quantity, prefix + "reply_time_in_minutes.calendar");
            fullResolution = json.Number(m, "full_resolution_time_in_minutes.calendar", InputLimits.Quantity, prefix + "full_resolution_time_in_minutes.calendar");
            replies = (int?)json.Number(m, "replies", int.MaxValue, prefix + "replies");
            reopens = (int?)json.Number(m, "reopens", int.MaxValue, prefix + "reopens") ?? 0;
        }

        DateTime? resolvedAt = null;
        string solvedField = prefix + "solved_at";
        if (ZendeskTicket.IsResolved(status) && created is not null)
        {
            if (solvedAt is not null)
                resolvedAt = solvedAt;
            else if (fullResolution is not null)
                (resolvedAt, solvedField) = (ZendeskTicket.After(created.Value, fullResolution.Value), prefix + "full_resolution_time_in_minutes.calendar");
            else
                json.Error(prefix + "solved_at", $"a {status} ticket needs its metrics' solved_at or full_resolution_time_in_minutes (export with include=metric_sets)");
        }
        if (json.HasErrors || created is null)
            return;
        var firstResponse = firstReply is null ? (DateTime?)null : ZendeskTicket.After(created.Value, firstReply.Value);
        var (ratedAt, ratedAtField) = resolvedAt is not null ? (resolvedAt.Value, solvedField)
            : updated is not null ? (updated.Value, "updated_at") : (created.Value, "created_at");
        new ZendeskTicket(origin, id, accountId, created.Value, firstResponse, resolvedAt, replies, reopens, agent, channel, status, rating, ratedAt, ratedAtField, requesterEmail)
            .AddTo(data, Fields with
            {
                FirstReply = prefix + "reply_time_in_minutes.calendar",
                Solved = solvedField,
                Replies = prefix + "replies",
                Reopens = prefix + "reopens",
            });
    }

    private static IEnumerable<JsonElement> ArrayOf(JsonElement root, string name) =>
        root.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array ? array.EnumerateArray() : [];

    /// <summary>id -> <paramref name="property"/> (name, or a user's email) of a side-loaded array (organizations, users, groups).</summary>
    private static Dictionary<string, string> NamesOf(JsonElement root, string name, string property = "name")
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in ArrayOf(root, name))
        {
            if (JsonExport.At(item, "id") is { } id && JsonExport.At(item, property) is { ValueKind: JsonValueKind.String } value)
                names[id.GetRawText().Trim('"')] = value.GetString()!;
        }
        return names;
    }
}
