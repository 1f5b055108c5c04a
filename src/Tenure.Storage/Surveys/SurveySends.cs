using Microsoft.EntityFrameworkCore;

using Tenure.Metrics.Inputs;
using Tenure.Storage.Mail;
using Tenure.Storage.Model;

namespace Tenure.Storage.Surveys;

/// <summary>A survey link or e-mail Tenure sent (a row of survey_sends) and its signed token.</summary>
public sealed record SurveySendRecord(
    string Id,
    string SurveyId,
    string AccountId,
    string? UserId,
    string? TicketId,
    string Channel,
    string Status,
    DateTime SentAt,
    DateTime ExpiresAt,
    string Token);

/// <summary>How a presented link token stands.</summary>
public enum LinkStatus { Open, Malformed, Forged, Expired, UnknownSurvey, Paused, Closed }

/// <summary>A presented link token checked: its status, and when it can be used the survey and send it names.</summary>
public sealed record LinkCheck(LinkStatus Status, SurveyDefinition? Survey = null, SurveyTokenPayload? Payload = null, string? ResponseId = null, string Channel = SurveySends.Link);

/// <summary>
/// Survey sends (table survey_sends): every link and e-mail Tenure sends is one, named by the nonce its signed token
/// carries, so <c>response-rate</c> has its denominator and a token can be closed once answered.
/// </summary>
public static class SurveySends
{
    public const string Link = "link", Email = "email", Widget = "widget";
    /// <summary>sent: a link handed out; queued: an e-mail in the mail outbox; pending-mail: an e-mail with no address (a ticket without requester_email) or no base URL yet.</summary>
    public const string Sent = "sent", Queued = "queued", PendingMail = "pending-mail";
    public const int DefaultExpiresDays = 30, MaxExpiresDays = 365;

    /// <summary>A resolved ticket is asked about only when it was resolved within this many days (an import of old tickets asks nobody).</summary>
    public const int TicketRequestWindowDays = 7;

    /// <summary>
    /// Records a send of <paramref name="surveyId"/> to the person and returns it with its signed token. Refused when
    /// the survey is unknown or paused, the account is not stored (when accounts were imported), or the person
    /// (account and user) was sent this survey within its throttle days (<paramref name="force"/> overrides).
    /// </summary>
    /// <remarks>
    /// With <paramref name="email"/>, the send is an e-mail: the link is mailed to that address through the mail outbox
    /// (docs/email.md) in the same transaction, pointing at <paramref name="baseUrl"/>.
    /// </remarks>
    /// <exception cref="SurveyException">The message names the option and the rule: nothing is saved.</exception>
    public static async Task<SurveySendRecord> CreateLinkAsync(TenureDatabase database, string tenant, string? surveyId, string? accountId, string? userId = null,
        string? ticketId = null, int? expiresDays = null, string channel = Link, bool force = false, CancellationToken cancellationToken = default,
        string? email = null, string? baseUrl = null)
    {
        if (email is not null)
        {
            if (!MailAddresses.IsValid(email)) throw new SurveyException($"email: '{email}' is not an e-mail address.");
            if (baseUrl is null) throw new SurveyException("base-url: required with email (where the recipient reaches `tenure serve`).");
            channel = Email;
        }
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        var survey = await SurveyStore.GetAsync(database, tenant, surveyId, cancellationToken)
            ?? throw new SurveyException($"survey: tenant {tenant} has no survey '{surveyId}' (see `tenure survey list`).");
        if (!survey.Active) throw new SurveyException($"survey: {survey.Id} is paused; resume it first (`tenure survey resume`).");
        var account = await CheckAccountAsync(database, tenant, accountId, cancellationToken);
        var user = Blank(userId);
        var ticket = Blank(ticketId);
        var days = expiresDays ?? DefaultExpiresDays;
        if (days is < 1 or > MaxExpiresDays) throw new SurveyException($"expires-days: {days} is not 1 to {MaxExpiresDays}.");
        var now = SurveyStore.WholeSeconds(database.Clock.GetUtcNow().UtcDateTime);
        var key = await SurveyKeys.GetOrCreateAsync(database, tenant, cancellationToken);
        using (await database.EnterWriteAsync(cancellationToken))
        {
            await using var context = database.CreateContext();
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            if (!force && user is not null && survey.ThrottleDays > 0)
            {
                var since = now.AddDays(-survey.ThrottleDays);
                var last = await context.SurveySends.AsNoTracking()
                    .Where(s => s.TenantId == tenant && s.SurveyId == survey.Id && s.AccountId == account && s.UserId == user && s.SentAt > since)
                    .Select(s => (DateTime?)s.SentAt).MaxAsync(cancellationToken);
                if (last is { } sent)
                    throw new SurveyException($"user: {account}/{user} was sent survey {survey.Id} on {sent:yyyy-MM-dd}; it asks a person at most once per {survey.ThrottleDays} days (throttle-days).");
            }
            var row = NewRow(tenant, survey, account, user, ticket, channel, email is not null ? Queued : channel == Email ? PendingMail : Sent, now, now.AddDays(days));
            row.Recipient = email;
            context.SurveySends.Add(row);
            if (email is not null)
                await MailOutbox.EnqueueAsync(context, tenant, SurveyMail.Of(survey, email, SurveyJson.LinkUrl(baseUrl!, Record(row, key).Token), row.Id, ticket), now, cancellationToken);
            await context.SaveChangesAsync(cancellationToken);
            await TenantRows.BumpDataVersionAsync(context, tenant, cancellationToken);
            await transaction.CommitAsync(CancellationToken.None);
            return Record(row, key);
        }
    }

    /// <summary>A signed user token for the widget (docs/surveys.md): names the account and user, valid for any survey of the tenant until it expires.</summary>
    public static async Task<string> MintUserTokenAsync(TenureDatabase database, string tenant, string? accountId, string? userId, int? expiresDays = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        var account = await CheckAccountAsync(database, tenant, accountId, cancellationToken);
        var user = Blank(userId) ?? throw new SurveyException("user: required (the widget asks a person: the host app's user id).");
        var days = expiresDays ?? DefaultExpiresDays;
        if (days is < 1 or > MaxExpiresDays) throw new SurveyException($"expires-days: {days} is not 1 to {MaxExpiresDays}.");
        var key = await SurveyKeys.GetOrCreateAsync(database, tenant, cancellationToken);
        var now = SurveyStore.WholeSeconds(database.Clock.GetUtcNow().UtcDateTime);
        return SurveyToken.Sign(new SurveyTokenPayload(SurveyTokenPurpose.User, tenant, null, account, user, null, now.AddDays(days), SurveyToken.NewNonce()), key);
    }

    /// <summary>
    /// Checks a link token: signature (constant time) under its tenant's key, expiry at now, the survey (known and
    /// active) and the send (recorded and not closed). Never throws for a bad token.
    /// </summary>
    public static async Task<LinkCheck> CheckLinkAsync(TenureDatabase database, string? token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var unverified = SurveyToken.ReadUnverified(token);
        if (unverified is null || !Tenants.IsValidName(unverified.Tenant)) return new LinkCheck(LinkStatus.Malformed);
        var key = await SurveyKeys.FindAsync(database, unverified.Tenant, cancellationToken);
        if (key is null) return new LinkCheck(LinkStatus.Forged);
        var (payload, problem) = SurveyToken.Verify(token, key, SurveyTokenPurpose.Link, database.Clock.GetUtcNow().UtcDateTime);
        switch (problem)
        {
            case SurveyTokenProblem.Malformed: return new LinkCheck(LinkStatus.Malformed);
            case SurveyTokenProblem.BadSignature or SurveyTokenProblem.WrongPurpose: return new LinkCheck(LinkStatus.Forged);
            case SurveyTokenProblem.Expired: return new LinkCheck(LinkStatus.Expired);
        }
        var survey = await SurveyStore.GetAsync(database, payload!.Tenant, payload.SurveyId, cancellationToken);
        if (survey is null) return new LinkCheck(LinkStatus.UnknownSurvey, Payload: payload);
        if (!survey.Active) return new LinkCheck(LinkStatus.Paused, survey, payload);
        await using var context = database.CreateContext();
        var send = await context.SurveySends.AsNoTracking().FirstOrDefaultAsync(s => s.TenantId == payload.Tenant && s.Id == payload.Nonce, cancellationToken);
        if (send is null || send.SurveyId != survey.Id) return new LinkCheck(LinkStatus.Forged);
        return new LinkCheck(send.ClosedAt is null ? LinkStatus.Open : LinkStatus.Closed, survey, payload, send.ResponseId, send.Channel);
    }

    /// <summary>The survey <paramref name="id"/> of whichever tenant has it (ids are unique across tenants), or null: for the widget's CORS preflight, which carries no token.</summary>
    public static async Task<SurveyDefinition?> FindSurveyAsync(TenureDatabase database, string? id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (string.IsNullOrEmpty(id) || id.Length > 64) return null;
        await using var context = database.CreateContext();
        var row = await context.SurveyDefinitions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return row is null ? null : SurveyStore.Definition(row);
    }

    /// <summary>
    /// Checks a widget user token for <paramref name="surveyId"/>: signature, expiry, survey known and active.
    /// Null survey when refused, with the reason.
    /// </summary>
    public static async Task<(SurveyDefinition? Survey, SurveyTokenPayload? Payload, LinkStatus Status)> CheckUserTokenAsync(
        TenureDatabase database, string? surveyId, string? token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var unverified = SurveyToken.ReadUnverified(token);
        if (unverified is null || !Tenants.IsValidName(unverified.Tenant)) return (null, null, LinkStatus.Malformed);
        var key = await SurveyKeys.FindAsync(database, unverified.Tenant, cancellationToken);
        if (key is null) return (null, null, LinkStatus.Forged);
        var (payload, problem) = SurveyToken.Verify(token, key, SurveyTokenPurpose.User, database.Clock.GetUtcNow().UtcDateTime);
        switch (problem)
        {
            case SurveyTokenProblem.Malformed: return (null, null, LinkStatus.Malformed);
            case SurveyTokenProblem.BadSignature or SurveyTokenProblem.WrongPurpose: return (null, null, LinkStatus.Forged);
            case SurveyTokenProblem.Expired: return (null, null, LinkStatus.Expired);
        }
        var survey = await SurveyStore.GetAsync(database, payload!.Tenant, surveyId, cancellationToken);
        if (survey is null) return (null, payload, LinkStatus.UnknownSurvey);
        return survey.Active ? (survey, payload, LinkStatus.Open) : (null, payload, LinkStatus.Paused);
    }

    /// <summary>
    /// CSAT after a support case (docs/surveys.md): asks about each ticket resolved within <see cref="TicketRequestWindowDays"/>
    /// days of now, once per ticket, with the tenant's ticket survey (<see cref="TicketSurveyOf"/>). A ticket with a
    /// requester_email gets a send in status queued and its e-mail in the mail outbox, in one transaction (mail key
    /// "survey:&lt;send id&gt;"), linking to <paramref name="baseUrl"/>; a ticket without one, or any ticket when
    /// <paramref name="baseUrl"/> is null, gets a send in status pending-mail. A ticket asked before whose send still
    /// waits (pending-mail) is mailed now when it has gained an address and a base URL is given.
    /// </summary>
    /// <remarks>
    /// Throttling: a requester address (compared without case) is mailed the survey at most once per its throttle days;
    /// later tickets of the same person within them are not asked (<see cref="TicketRequests.Throttled"/>). Tickets are
    /// taken in order of resolution, so the first resolved is the one asked.
    /// </remarks>
    public static async Task<TicketRequests> QueueTicketRequestsAsync(TenureDatabase database, string tenant, IEnumerable<Ticket> tickets, string? baseUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(tickets);
        Tenants.EnsureValidName(tenant);
        if (baseUrl is not null && !IsBaseUrl(baseUrl))
            throw new SurveyException($"base-url: '{baseUrl}' is not an http:// or https:// URL.");
        var now = SurveyStore.WholeSeconds(database.Clock.GetUtcNow().UtcDateTime);
        var resolved = tickets.Where(t => t.ResolvedAt is { } at && at > now.AddDays(-TicketRequestWindowDays) && at <= now.AddMinutes(5))
            .OrderBy(t => t.ResolvedAt).ThenBy(t => t.TicketId, StringComparer.Ordinal).ToList();
        if (resolved.Count == 0) return TicketRequests.None;
        var survey = TicketSurveyOf(await SurveyStore.ListAsync(database, tenant, cancellationToken));
        if (survey is null) return TicketRequests.None with { NoSurvey = resolved.Count(t => t.RequesterEmail is not null) };
        var key = await SurveyKeys.GetOrCreateAsync(database, tenant, cancellationToken);
        var made = new List<SurveySendRecord>();
        var stored = new List<SurveySend>();
        long version = 0;
        int mailed = 0, throttled = 0;
        using (await database.EnterWriteAsync(cancellationToken))
        {
            await using var context = database.CreateContext();
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            var ids = resolved.Select(t => t.TicketId).ToList();
            var asked = (await context.SurveySends
                .Where(s => s.TenantId == tenant && s.SurveyId == survey.Id && s.TicketId != null && ids.Contains(s.TicketId))
                .ToListAsync(cancellationToken))
                .GroupBy(s => s.TicketId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var recentlyMailed = await RecentlyMailedAsync(context, tenant, survey, now, cancellationToken);
            foreach (var ticket in resolved)
            {
                asked.TryGetValue(ticket.TicketId, out var row);
                if (row is not null && row.Status != PendingMail) continue;
                var email = baseUrl is null ? null : ticket.RequesterEmail;
                if (email is not null && survey.ThrottleDays > 0 && recentlyMailed.Contains(email))
                {
                    throttled++;
                    continue;
                }
                if (row is null)
                {
                    row = NewRow(tenant, survey, ticket.AccountId, null, ticket.TicketId, Email, email is null ? PendingMail : Queued, now, now.AddDays(DefaultExpiresDays));
                    context.SurveySends.Add(row);
                    asked[ticket.TicketId] = row;
                }
                else if (email is not null)
                {
                    row.Status = Queued; // waited for an address, has one now
                }
                else
                {
                    continue;
                }
                if (email is not null)
                {
                    row.Recipient = email;
                    recentlyMailed.Add(email);
                    var url = SurveyJson.LinkUrl(baseUrl!, Record(row, key).Token);
                    await MailOutbox.EnqueueAsync(context, tenant, SurveyMail.Of(survey, email, url, row.Id, ticket.TicketId), now, cancellationToken);
                    mailed++;
                }
                made.Add(Record(row, key));
                stored.Add(new SurveySend(row.Id, survey.Type, row.AccountId, row.SentAt, row.ResponseId));
            }
            if (made.Count > 0)
            {
                await context.SaveChangesAsync(cancellationToken);
                version = await TenantRows.BumpDataVersionAsync(context, tenant, cancellationToken);
            }
            await transaction.CommitAsync(CancellationToken.None);
        }
        return new TicketRequests(made, survey.Id, mailed, made.Count(s => s.Status == PendingMail), throttled, 0)
        {
            Change = version > 0 ? new SurveySendsStored(version, stored) : null,
        };
    }

    /// <summary>
    /// The survey that asks after tickets: the tenant's active csat survey created with after-tickets; when there are
    /// several, the most recently created (so a new one replaces the old without pausing it first). Null when none.
    /// </summary>
    public static SurveyDefinition? TicketSurveyOf(IEnumerable<SurveyDefinition> surveys) =>
        surveys.Where(s => s.Active && s.AfterTickets && s.Type == "csat")
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id, StringComparer.Ordinal).FirstOrDefault();

    /// <summary>Whether <paramref name="text"/> can be the base of survey links: an absolute http:// or https:// URL without a query.</summary>
    public static bool IsBaseUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.Query);

    /// <summary>The addresses <paramref name="survey"/> was mailed to within its throttle days (case-insensitive).</summary>
    private static async Task<HashSet<string>> RecentlyMailedAsync(TenureDbContext context, string tenant, SurveyDefinition survey, DateTime now, CancellationToken cancellationToken)
    {
        var since = now.AddDays(-survey.ThrottleDays);
        var recipients = survey.ThrottleDays <= 0 ? [] : await context.SurveySends.AsNoTracking()
            .Where(s => s.TenantId == tenant && s.SurveyId == survey.Id && s.Recipient != null && s.SentAt > since)
            .Select(s => s.Recipient!).ToListAsync(cancellationToken);
        return new HashSet<string>(recipients, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The tenant's sends, newest first, at most <paramref name="limit"/>; the tokens are re-signed (they are not stored).</summary>
    public static async Task<IReadOnlyList<SurveySendRecord>> ListAsync(TenureDatabase database, string tenant, string? surveyId = null, string? status = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        var key = await SurveyKeys.FindAsync(database, tenant, cancellationToken);
        if (key is null) return [];
        await using var context = database.CreateContext();
        var query = context.SurveySends.AsNoTracking().Where(s => s.TenantId == tenant);
        if (surveyId is not null) query = query.Where(s => s.SurveyId == surveyId);
        if (status is not null) query = query.Where(s => s.Status == status);
        var rows = await query.ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(r => r.SentAt).ThenBy(r => r.Id, StringComparer.Ordinal).Take(limit).Select(r => Record(r, key))];
    }

    /// <summary>Per survey of the tenant: sends, answered sends and answers by any channel (links, e-mails, widget), for the surveys page.</summary>
    public static async Task<IReadOnlyDictionary<string, SurveyCounts>> CountsAsync(TenureDatabase database, string tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        await using var context = database.CreateContext();
        var sends = await context.SurveySends.AsNoTracking().Where(s => s.TenantId == tenant)
            .GroupBy(s => s.SurveyId).Select(g => new { g.Key, Sent = g.Count(), Answered = g.Count(s => s.ResponseId != null) }).ToListAsync(cancellationToken);
        var answers = await context.SurveyAnswers.AsNoTracking().Where(a => a.TenantId == tenant)
            .Select(a => new { a.SurveyId, a.Score }).ToListAsync(cancellationToken);
        var result = new Dictionary<string, SurveyCounts>(StringComparer.Ordinal);
        foreach (var s in sends) result[s.Key] = new SurveyCounts(s.Sent, s.Answered, []);
        foreach (var group in answers.GroupBy(a => a.SurveyId))
        {
            var counts = result.TryGetValue(group.Key, out var c) ? c : new SurveyCounts(0, 0, []);
            result[group.Key] = counts with { Scores = [.. group.Select(a => a.Score)] };
        }
        return result;
    }

    internal static SurveySendRecord Record(SurveySendRow row, byte[] key) => new(
        row.Id, row.SurveyId, row.AccountId, row.UserId, row.TicketId, row.Channel, row.Status, row.SentAt, row.ExpiresAt,
        SurveyToken.Sign(new SurveyTokenPayload(SurveyTokenPurpose.Link, row.TenantId, row.SurveyId, row.AccountId, row.UserId, row.TicketId, row.ExpiresAt, row.Id), key));

    private static SurveySendRow NewRow(string tenant, SurveyDefinition survey, string account, string? user, string? ticket, string channel, string status, DateTime now, DateTime expires) => new()
    {
        TenantId = tenant,
        Id = SurveyToken.NewNonce(),
        SurveyId = survey.Id,
        AccountId = account,
        UserId = user,
        TicketId = ticket,
        Channel = channel,
        Status = status,
        SentAt = now,
        ExpiresAt = expires,
    };

    private static async Task<string> CheckAccountAsync(TenureDatabase database, string tenant, string? accountId, CancellationToken cancellationToken)
    {
        var account = Blank(accountId) ?? throw new SurveyException("account: required (the account whose person is asked).");
        if (account.Length > 200) throw new SurveyException("account: longer than 200 characters.");
        var accounts = await StoredData.LoadAccountIndexAsync(database, tenant, cancellationToken);
        if (accounts.Count > 0 && !accounts.Contains(account))
            throw new SurveyException($"account: '{account}' is not among tenant {tenant}'s stored accounts.");
        return account;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>What <see cref="SurveySends.QueueTicketRequestsAsync"/> did with a batch of tickets.</summary>
/// <param name="Sends">The sends made (queued or pending-mail), and the ones that waited for an address and were mailed now.</param>
/// <param name="SurveyId">The survey that asked (<see cref="SurveySends.TicketSurveyOf"/>), null when none did.</param>
/// <param name="Mailed">Sends whose e-mail was put in the mail outbox.</param>
/// <param name="PendingMail">New sends waiting with status pending-mail (no requester address, or no base URL to link to).</param>
/// <param name="Throttled">Recently resolved tickets not asked: their requester was mailed the survey within its throttle days.</param>
/// <param name="NoSurvey">Recently resolved tickets with a requester address not asked because the tenant has no active csat survey asked after tickets.</param>
public sealed record TicketRequests(IReadOnlyList<SurveySendRecord> Sends, string? SurveyId, int Mailed, int PendingMail, int Throttled, int NoSurvey)
{
    /// <summary>The sends as the tenant's data holds them, at the data version their write made; null when nothing was written.</summary>
    public SurveySendsStored? Change { get; init; }

    /// <summary>Nothing asked.</summary>
    public static TicketRequests None { get; } = new([], null, 0, 0, 0, 0);
}

/// <summary>A survey's sends, answered sends and every answer's score (links, e-mails and the widget).</summary>
public sealed record SurveyCounts(int Sent, int Answered, IReadOnlyList<int> Scores);
