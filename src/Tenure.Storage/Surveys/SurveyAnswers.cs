using System.Text.Json;

using Microsoft.EntityFrameworkCore;

using Tenure.Metrics.Inputs;
using Tenure.Storage.Alerts;
using Tenure.Storage.Model;
using Tenure.Storage.Webhooks;

namespace Tenure.Storage.Surveys;

/// <summary>Who answers: the account, user and ticket a token names, the send (a link or e-mail) when there is one, and the channel.</summary>
public sealed record AnswerSource(string AccountId, string? UserId, string? TicketId, string? SendId, string Channel);

/// <summary>An answer as stored: the survey response it is (response_id in the surveys table) and what it holds.</summary>
public sealed record SurveyAnswer(string ResponseId, string SurveyId, string AccountId, string? UserId, string? TicketId, int Score, string? Comment, DateTime SubmittedAt, string Channel)
{
    /// <summary>What storing the answer changed in the tenant's data, by data version, for copies kept in memory (empty before it is stored).</summary>
    public IReadOnlyList<StoredChange> Changes { get; init; } = [];
}

/// <summary>
/// Survey answers given through Tenure's page and widget. Each is a survey response in the surveys table (the input
/// kind every metric, dashboard and the feedback page read: type as `survey`, the survey's scale, submitted now, the
/// ticket id), indexed in survey_answers by survey and person. Answering again updates the same response: one per
/// link, and one per person and survey within its throttle days for the widget.
/// </summary>
public static class SurveyAnswers
{
    /// <summary>
    /// Stores <paramref name="score"/> (checked on the survey's scale by the caller) as the person's answer, keeping a
    /// comment already given; marks the send answered; writes survey.answered webhook deliveries. Each of its two
    /// writes is told to <paramref name="stored"/> as soon as it is committed (a copy kept in memory applies it then,
    /// rather than take the version for another process's write); <see cref="SurveyAnswer.Changes"/> lists both.
    /// </summary>
    public static async Task<SurveyAnswer> ScoreAsync(TenureDatabase database, SurveyDefinition survey, AnswerSource source, int score, Action<StoredChange>? stored = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(source);
        var tenant = survey.Tenant;
        var now = SurveyStore.WholeSeconds(database.Clock.GetUtcNow().UtcDateTime);
        var user = source.UserId ?? "";
        SurveyAnswerRow? existing;
        await using (var read = database.CreateContext())
        {
            if (source.SendId is { } sendId)
            {
                existing = await read.SurveyAnswers.AsNoTracking().FirstOrDefaultAsync(a => a.TenantId == tenant && a.SendId == sendId, cancellationToken);
            }
            else
            {
                var since = now.AddDays(-survey.ThrottleDays);
                existing = survey.ThrottleDays == 0 ? null : (await read.SurveyAnswers.AsNoTracking()
                    .Where(a => a.TenantId == tenant && a.SurveyId == survey.Id && a.AccountId == source.AccountId && a.UserId == user && a.SendId == null)
                    .ToListAsync(cancellationToken)).Where(a => a.AnsweredAt > since).OrderByDescending(a => a.AnsweredAt).FirstOrDefault();
            }
        }
        var answer = new SurveyAnswer(existing?.ResponseId ?? "tenure-" + (source.SendId ?? SurveyToken.NewNonce()), survey.Id, source.AccountId, source.UserId,
            source.TicketId, score, existing?.Comment, now, existing?.Channel ?? source.Channel);
        var response = await StoreResponseAsync(database, survey, answer, cancellationToken);
        stored?.Invoke(response);
        long version;
        using (await database.EnterWriteAsync(cancellationToken))
        {
            await using var context = database.CreateContext();
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            var row = await context.SurveyAnswers.FirstOrDefaultAsync(a => a.TenantId == tenant && a.ResponseId == answer.ResponseId, cancellationToken);
            if (row is null)
            {
                context.SurveyAnswers.Add(new SurveyAnswerRow
                {
                    TenantId = tenant,
                    ResponseId = answer.ResponseId,
                    SurveyId = survey.Id,
                    AccountId = answer.AccountId,
                    UserId = user,
                    TicketId = answer.TicketId,
                    SendId = source.SendId,
                    Channel = answer.Channel,
                    Score = score,
                    AnsweredAt = now,
                    UpdatedAt = now,
                });
            }
            else
            {
                (row.Score, row.UpdatedAt) = (score, now);
            }
            if (source.SendId is { } id)
            {
                await context.SurveySends.Where(s => s.TenantId == tenant && s.Id == id)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.ResponseId, answer.ResponseId).SetProperty(x => x.AnsweredAt, now), cancellationToken);
            }
            await WebhookOutbox.AddAsync(context, tenant, now, WebhookEvents.SurveyAnswered, json => Write(json, survey, answer), cancellationToken);
            await context.SaveChangesAsync(cancellationToken);
            version = await TenantRows.BumpDataVersionAsync(context, tenant, cancellationToken);
            await transaction.CommitAsync(CancellationToken.None);
        }
        StoredChange sent = source.SendId is { } send ? new SurveySendAnswered(version, send, answer.ResponseId) : new NothingLoadedChanged(version);
        stored?.Invoke(sent);
        return answer with { Changes = [response, sent] };
    }

    /// <summary>
    /// Adds <paramref name="comment"/> (checked by the caller; null clears it) to the answer <paramref name="responseId"/> of
    /// the survey given by the same person, and closes its send when <paramref name="close"/>: a closed link is refused
    /// from then on. Null when the person has no such answer. Writes are told to <paramref name="stored"/> as in
    /// <see cref="ScoreAsync"/>.
    /// </summary>
    public static async Task<SurveyAnswer?> CommentAsync(TenureDatabase database, SurveyDefinition survey, AnswerSource source, string responseId, string? comment, bool close,
        Action<StoredChange>? stored = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(source);
        var tenant = survey.Tenant;
        var now = SurveyStore.WholeSeconds(database.Clock.GetUtcNow().UtcDateTime);
        SurveyAnswerRow? row;
        await using (var read = database.CreateContext())
            row = await read.SurveyAnswers.AsNoTracking().FirstOrDefaultAsync(a => a.TenantId == tenant && a.ResponseId == responseId, cancellationToken);
        if (row is null || row.SurveyId != survey.Id || row.AccountId != source.AccountId || row.UserId != (source.UserId ?? "") || row.SendId != source.SendId)
            return null;
        var answer = new SurveyAnswer(row.ResponseId, survey.Id, row.AccountId, source.UserId, row.TicketId, row.Score, comment, row.UpdatedAt, row.Channel);
        var response = await StoreResponseAsync(database, survey, answer, cancellationToken);
        stored?.Invoke(response);
        long version;
        using (await database.EnterWriteAsync(cancellationToken))
        {
            await using var context = database.CreateContext();
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            await context.SurveyAnswers.Where(a => a.TenantId == tenant && a.ResponseId == responseId)
                .ExecuteUpdateAsync(a => a.SetProperty(x => x.Comment, comment), cancellationToken);
            if (close && source.SendId is { } id)
            {
                await context.SurveySends.Where(s => s.TenantId == tenant && s.Id == id && s.ClosedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.ClosedAt, now), cancellationToken);
            }
            await WebhookOutbox.AddAsync(context, tenant, now, WebhookEvents.SurveyAnswered, json => Write(json, survey, answer), cancellationToken);
            await context.SaveChangesAsync(cancellationToken);
            version = await TenantRows.BumpDataVersionAsync(context, tenant, cancellationToken);
            await transaction.CommitAsync(CancellationToken.None);
        }
        var indexed = new NothingLoadedChanged(version);
        stored?.Invoke(indexed);
        return answer with { Changes = [response, indexed] };
    }

    /// <summary>Closes a link without a comment (the person skipped the follow-up).</summary>
    public static async Task CloseAsync(TenureDatabase database, string tenant, string sendId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var now = SurveyStore.WholeSeconds(database.Clock.GetUtcNow().UtcDateTime);
        using (await database.EnterWriteAsync(cancellationToken))
        {
            await using var context = database.CreateContext();
            await context.SurveySends.Where(s => s.TenantId == tenant && s.Id == sendId && s.ClosedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ClosedAt, now), cancellationToken);
        }
    }

    /// <summary>Whether the person answered the survey through any channel within its throttle days (the widget then stays hidden).</summary>
    public static async Task<bool> AnsweredRecentlyAsync(TenureDatabase database, SurveyDefinition survey, string accountId, string? userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(survey);
        if (survey.ThrottleDays == 0) return false;
        var since = SurveyStore.WholeSeconds(database.Clock.GetUtcNow().UtcDateTime).AddDays(-survey.ThrottleDays);
        var user = userId ?? "";
        await using var context = database.CreateContext();
        var answered = await context.SurveyAnswers.AsNoTracking()
            .Where(a => a.TenantId == survey.Tenant && a.SurveyId == survey.Id && a.AccountId == accountId && a.UserId == user)
            .Select(a => a.AnsweredAt).ToListAsync(cancellationToken);
        return answered.Any(at => at > since);
    }

    /// <summary>The answer as a survey response, upserted by response_id through the import path (so every reader sees one row).</summary>
    private static async Task<StoredChange> StoreResponseAsync(TenureDatabase database, SurveyDefinition survey, SurveyAnswer answer, CancellationToken cancellationToken)
    {
        var response = new SurveyResponse(answer.ResponseId, survey.Type, answer.AccountId, answer.UserId, answer.Score, survey.StoredScale, answer.Comment, answer.SubmittedAt, answer.TicketId);
        var summary = await DataSetImporter.ImportAsync(database, survey.Tenant, new TenureDataSet { Surveys = [response], Present = InputKind.Surveys }, cancellationToken: cancellationToken);
        return new SurveyResponseStored(summary.DataVersion, response);
    }

    /// <summary>The survey.answered event's data.</summary>
    private static void Write(Utf8JsonWriter json, SurveyDefinition survey, SurveyAnswer answer)
    {
        json.WriteStartObject();
        json.WriteString("survey_id", survey.Id);
        json.WriteString("survey", survey.Type);
        json.WriteString("response_id", answer.ResponseId);
        json.WriteString("account_id", answer.AccountId);
        json.WriteString("user_id", answer.UserId);
        json.WriteString("ticket_id", answer.TicketId);
        json.WriteNumber("score", answer.Score);
        json.WriteString("scale", survey.StoredScale.Format());
        json.WriteString("comment", answer.Comment);
        json.WriteString("submitted_at", AlertJson.Instant(answer.SubmittedAt));
        json.WriteString("channel", answer.Channel);
        json.WriteEndObject();
    }
}
