using Microsoft.EntityFrameworkCore;

using Tenure.Storage.Model;

namespace Tenure.Storage.Webhooks;

/// <summary>
/// Webhooks (table webhooks) and their delivery log (webhook_deliveries), through EF Core on both providers.
/// The secret is stored as given, because signing needs it (docs/webhooks.md "Secrets"), and never read back
/// out except to sign (<see cref="DueDelivery"/>).
/// </summary>
public static class Webhooks
{
    /// <summary>The shortest secret accepted.</summary>
    public const int MinSecretLength = 16;

    /// <summary>The longest URL accepted.</summary>
    public const int MaxUrlLength = 2000;

    /// <summary>
    /// Adds a webhook for the tenant (creating the tenant when new). <paramref name="events"/> is a comma-separated
    /// list (<see cref="WebhookEvents"/>); null or blank subscribes to every event.
    /// </summary>
    /// <exception cref="WebhookException">The URL is not an absolute http(s) URL, the secret is shorter than 16 characters, an event is unknown: nothing is saved.</exception>
    public static async Task<WebhookRecord> AddAsync(TenureDatabase database, string tenant, string? url, string? secret, string? events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        var target = CheckUrl(url);
        if (string.IsNullOrEmpty(secret) || secret.Length < MinSecretLength || secret.Length > 500)
            throw new WebhookException($"secret: must be {MinSecretLength} to 500 characters (a random string the receiver also knows); it signs every delivery.");
        var subscribed = WebhookEvents.Parse(events);
        var now = AlertsClock(database);
        using var turn = await database.EnterWriteAsync(cancellationToken);
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        if (database.Provider == DatabaseProvider.PostgreSql)
            await context.Database.ExecuteSqlRawAsync("LOCK TABLE webhooks IN SHARE ROW EXCLUSIVE MODE", cancellationToken);
        await TenantRows.EnsureAsync(context, database.Provider, tenant, now, cancellationToken);
        var id = (await context.Webhooks.MaxAsync(w => (long?)w.Id, cancellationToken) ?? 0) + 1;
        context.Webhooks.Add(new WebhookRow { TenantId = tenant, Id = id, Url = target, Secret = secret, Events = string.Join(',', subscribed), CreatedAt = now });
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        return new WebhookRecord(id, tenant, target, subscribed, now);
    }

    /// <summary>The URL as stored, or a <see cref="WebhookException"/> saying what is wrong with it.</summary>
    public static string CheckUrl(string? url)
    {
        var text = url?.Trim() ?? "";
        if (text.Length == 0) throw new WebhookException("url: required (an http:// or https:// URL).");
        if (text.Length > MaxUrlLength) throw new WebhookException($"url: longer than {MaxUrlLength} characters.");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
            throw new WebhookException($"url: '{text}' is not an http:// or https:// URL; webhooks are delivered by HTTP POST only.");
        if (!string.IsNullOrEmpty(uri.UserInfo))
            throw new WebhookException("url: must not carry a user name or password; the signature authenticates Tenure to the receiver.");
        return uri.AbsoluteUri;
    }

    /// <summary>The tenant's webhooks, oldest first; never their secrets.</summary>
    public static async Task<IReadOnlyList<WebhookRecord>> ListAsync(TenureDatabase database, string tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        await using var context = database.CreateContext();
        var rows = await context.Webhooks.AsNoTracking().Where(w => w.TenantId == tenant).OrderBy(w => w.Id)
            .Select(w => new { w.Id, w.Url, w.Events, w.CreatedAt }).ToListAsync(cancellationToken);
        return [.. rows.Select(w => new WebhookRecord(w.Id, tenant, w.Url, w.Events.Split(','), w.CreatedAt))];
    }

    /// <summary>Removes the tenant's webhook and its delivery log (pending deliveries are not sent); false when there is no such webhook.</summary>
    public static async Task<bool> RemoveAsync(TenureDatabase database, string tenant, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        using var turn = await database.EnterWriteAsync(cancellationToken);
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        await context.WebhookDeliveries.Where(d => d.TenantId == tenant && d.WebhookId == id).ExecuteDeleteAsync(cancellationToken);
        var removed = await context.Webhooks.Where(w => w.TenantId == tenant && w.Id == id).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        return removed == 1;
    }

    /// <summary>The delivery log of the tenant's webhook <paramref name="webhookId"/>, newest first, at most <paramref name="limit"/>.</summary>
    public static async Task<IReadOnlyList<WebhookDeliveryRecord>> DeliveriesAsync(TenureDatabase database, string tenant, long webhookId, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        await using var context = database.CreateContext();
        var rows = await context.WebhookDeliveries.AsNoTracking()
            .Where(d => d.TenantId == tenant && d.WebhookId == webhookId)
            .OrderByDescending(d => d.OccurredAt).ThenByDescending(d => d.Id)
            .Take(limit).ToListAsync(cancellationToken);
        return [.. rows.Select(d => new WebhookDeliveryRecord(d.Id, d.WebhookId, d.Event, d.OccurredAt, StatusOf(d.Status), d.Attempts,
            d.NextAttemptAt, d.LastAttemptAt, d.LastStatusCode, d.LastError, d.DeliveredAt))];
    }

    /// <summary>Pending deliveries of every tenant due at <paramref name="now"/>, oldest first, at most <paramref name="limit"/>.</summary>
    public static async Task<IReadOnlyList<DueDelivery>> DueAsync(TenureDatabase database, DateTime now, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        DateTime? at = now;
        await using var context = database.CreateContext();
        var rows = await (from d in context.WebhookDeliveries.AsNoTracking()
                          join w in context.Webhooks.AsNoTracking() on new { d.TenantId, Id = d.WebhookId } equals new { w.TenantId, w.Id }
                          where d.Status == WebhookOutbox.Pending && d.NextAttemptAt <= at
                          orderby d.NextAttemptAt, d.Id
                          select new DueDelivery(d.TenantId, d.Id, d.WebhookId, w.Url, w.Secret, d.Event, d.Body, d.Attempts, d.OccurredAt))
            .Take(limit).ToListAsync(cancellationToken);
        return rows;
    }

    /// <summary>
    /// Records one attempt at <paramref name="at"/>: delivered when <paramref name="error"/> is null and the status
    /// is 2xx; otherwise retried on <see cref="WebhookRetry"/>'s schedule, or failed once that gives up.
    /// </summary>
    public static async Task<WebhookDeliveryRecord?> RecordAttemptAsync(TenureDatabase database, DueDelivery delivery, DateTime at, int? statusCode, string? error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(delivery);
        using var turn = await database.EnterWriteAsync(cancellationToken);
        await using var context = database.CreateContext();
        var row = await context.WebhookDeliveries.FirstOrDefaultAsync(d => d.TenantId == delivery.Tenant && d.Id == delivery.Id, cancellationToken);
        if (row is null || row.Status != WebhookOutbox.Pending) return null; // removed with its webhook meanwhile, or already done
        row.Attempts++;
        row.LastAttemptAt = at;
        row.LastStatusCode = statusCode;
        var ok = error is null && statusCode is >= 200 and <= 299;
        row.LastError = ok ? null : error ?? $"HTTP {statusCode}";
        if (ok)
        {
            (row.Status, row.DeliveredAt, row.NextAttemptAt) = (WebhookOutbox.Delivered, at, null);
        }
        else if (WebhookRetry.NextAttempt(row.OccurredAt, row.Attempts, at) is { } next)
        {
            row.NextAttemptAt = next;
        }
        else
        {
            (row.Status, row.NextAttemptAt) = (WebhookOutbox.Failed, null);
        }
        await context.SaveChangesAsync(cancellationToken);
        return new WebhookDeliveryRecord(row.Id, row.WebhookId, row.Event, row.OccurredAt, StatusOf(row.Status), row.Attempts,
            row.NextAttemptAt, row.LastAttemptAt, row.LastStatusCode, row.LastError, row.DeliveredAt);
    }

    private static DateTime AlertsClock(TenureDatabase database) => Alerts.AlertStore.WholeSeconds(database.Clock.GetUtcNow().UtcDateTime);

    private static DeliveryStatus StatusOf(string status) => status switch
    {
        WebhookOutbox.Pending => DeliveryStatus.Pending,
        WebhookOutbox.Delivered => DeliveryStatus.Delivered,
        _ => DeliveryStatus.Failed,
    };
}
