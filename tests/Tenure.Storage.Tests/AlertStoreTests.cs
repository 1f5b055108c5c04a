using Microsoft.EntityFrameworkCore;

using Tenure.Metrics.Alerts;
using Tenure.Storage.Alerts;
using Tenure.Storage.Model;
using Tenure.Storage.Webhooks;
using Tenure.Testing;

namespace Tenure.Storage.Tests;

public sealed class AlertStoreTests(PostgresServer server)
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    static readonly DateTime Now = new(2026, 12, 1, 10, 0, 0, 500, DateTimeKind.Utc);

    static readonly string[] AllRules = [.. AlertRules.All.Select(r => r.Id)];

    static AlertEvaluation Evaluation(DateTime now, params AlertFinding[] findings) =>
        new(now, findings, new HashSet<string>(AllRules), new Dictionary<string, string>());

    static readonly AlertFinding DetractorX1 = new(AlertRule.Detractor, "X1", "ann", "NPS 2 from u7 on 2026-12-01");
    static readonly AlertFinding RedX2 = new(AlertRule.HealthRed, "X2", null, "health 31.0 (red) on 2026-12-01");

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ApplyAsync_SameFindingsTwice_OpensEachAlertOnce(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);

        var first = await AlertStore.ApplyAsync(test.Database, "acme", Evaluation(Now, DetractorX1, RedX2), Token);
        var second = await AlertStore.ApplyAsync(test.Database, "acme", Evaluation(Now.AddHours(1), DetractorX1, RedX2), Token);

        Assert.Equal(2, first.Opened.Count);
        Assert.Empty(second.Opened);
        Assert.Empty(second.Resolved);
        Assert.Equal(2, second.StillOpen);
        var open = await AlertStore.ListAsync(test.Database, "acme", openOnly: true, Token);
        Assert.Equal(2, open.Count);
        // Newest first; opened_at in whole seconds; the first reason is kept.
        Assert.Equal(new AlertRecord(1, "acme", "detractor", "X1", "ann", new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc),
            AlertStatus.Open, "NPS 2 from u7 on 2026-12-01", null, null), open[1]);
        Assert.Empty(await AlertStore.ListAsync(test.Database, "other", openOnly: false, Token));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ApplyAsync_ConditionCleared_ResolvesAndLaterOpensANewAlert(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        await AlertStore.ApplyAsync(test.Database, "acme", Evaluation(Now, DetractorX1, RedX2), Token);

        var cleared = await AlertStore.ApplyAsync(test.Database, "acme", Evaluation(Now.AddHours(1), RedX2), Token);
        var again = await AlertStore.ApplyAsync(test.Database, "acme", Evaluation(Now.AddHours(2), DetractorX1, RedX2), Token);

        var resolved = Assert.Single(cleared.Resolved);
        Assert.Equal((1L, AlertStatus.Resolved, AlertResolution.Cleared), (resolved.Id, resolved.Status, resolved.Resolution));
        Assert.Equal(Now.AddHours(1).AddMilliseconds(-500), resolved.ResolvedAt);
        Assert.Equal(3, Assert.Single(again.Opened).Id);
        Assert.Equal(3, (await AlertStore.ListAsync(test.Database, "acme", openOnly: false, Token)).Count);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ApplyAsync_RuleNotEvaluated_LeavesItsAlertsAlone(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        await AlertStore.ApplyAsync(test.Database, "acme", Evaluation(Now, DetractorX1), Token);

        // health-red only: the detractor alert is neither kept nor resolved by it.
        var onlyRed = new AlertEvaluation(Now.AddHours(1), [], new HashSet<string> { AlertRule.HealthRed }, new Dictionary<string, string>());
        var changes = await AlertStore.ApplyAsync(test.Database, "acme", onlyRed, Token);

        Assert.Empty(changes.Resolved);
        Assert.Single(await AlertStore.ListAsync(test.Database, "acme", openOnly: true, Token));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ResolveAsync_ByHand_StaysResolvedWhileTheConditionHolds(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        await AlertStore.ApplyAsync(test.Database, "acme", Evaluation(Now, DetractorX1), Token);

        var byHand = await AlertStore.ResolveAsync(test.Database, "acme", 1, Now.AddMinutes(5), Token);
        var twice = await AlertStore.ResolveAsync(test.Database, "acme", 1, Now.AddMinutes(6), Token);
        var otherTenant = await AlertStore.ResolveAsync(test.Database, "other", 1, Now, Token);
        var stillHolds = await AlertStore.ApplyAsync(test.Database, "acme", Evaluation(Now.AddHours(1), DetractorX1), Token);
        var clears = await AlertStore.ApplyAsync(test.Database, "acme", Evaluation(Now.AddHours(2)), Token);
        var holdsAgain = await AlertStore.ApplyAsync(test.Database, "acme", Evaluation(Now.AddHours(3), DetractorX1), Token);

        Assert.Equal((AlertStatus.Resolved, AlertResolution.ByHand, true), (byHand!.Value.Alert.Status, byHand.Value.Alert.Resolution, byHand.Value.Changed));
        Assert.False(twice!.Value.Changed);
        Assert.Null(otherTenant);
        Assert.Empty(stillHolds.Opened);
        Assert.Empty(clears.Opened);
        Assert.Empty(clears.Resolved);
        Assert.Equal(2, Assert.Single(holdsAgain.Opened).Id);
    }

    /// <summary>The database itself refuses a second open alert for one (tenant, rule, account), whoever writes it.</summary>
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task UniqueOpenIndex_RefusesASecondOpenAlert(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        await AlertStore.ApplyAsync(test.Database, "acme", Evaluation(Now, DetractorX1), Token);

        await using (var context = test.Database.CreateContext())
        {
            context.Alerts.Add(new AlertRow { TenantId = "acme", Id = 99, Rule = "detractor", AccountId = "X1", Status = "open", Reason = "copy", OpenedAt = Now });
            var e = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync(Token));
            Assert.True(TenantRows.IsDuplicate(e));
        }
        await using (var context = test.Database.CreateContext())
        {
            // A resolved one beside it is fine: the index covers open alerts only.
            context.Alerts.Add(new AlertRow { TenantId = "acme", Id = 100, Rule = "detractor", AccountId = "X1", Status = "resolved", Reason = "old", OpenedAt = Now });
            await context.SaveChangesAsync(Token);
        }
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ApplyAsync_Concurrently_OpensOneAlertPerRuleAndAccount(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Task.Run(() => AlertStore.ApplyAsync(test.Database, "acme", Evaluation(Now.AddSeconds(i), DetractorX1, RedX2), Token), Token)));

        var all = await AlertStore.ListAsync(test.Database, "acme", openOnly: false, Token);
        Assert.Equal(2, all.Count);
        Assert.Equal([1L, 2L], all.Select(a => a.Id).Order());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ApplyAsync_WithWebhooks_WritesOneDeliveryPerSubscribedEventOnce(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        var all = await Webhooks.Webhooks.AddAsync(test.Database, "acme", "https://hooks.example.com/tenure", "0123456789abcdef", null, Token);
        var resolvedOnly = await Webhooks.Webhooks.AddAsync(test.Database, "acme", "http://127.0.0.1:9/x", "0123456789abcdef", "alert.resolved", Token);
        await Webhooks.Webhooks.AddAsync(test.Database, "other", "http://127.0.0.1:9/y", "0123456789abcdef", null, Token);

        await AlertStore.ApplyAsync(test.Database, "acme", Evaluation(Now, DetractorX1), Token);
        await AlertStore.ApplyAsync(test.Database, "acme", Evaluation(Now.AddHours(1), DetractorX1), Token); // re-evaluation: nothing new
        await AlertStore.ApplyAsync(test.Database, "acme", Evaluation(Now.AddHours(2)), Token);              // cleared: alert.resolved

        var toAll = await Webhooks.Webhooks.DeliveriesAsync(test.Database, "acme", all.Id, cancellationToken: Token);
        var toResolved = await Webhooks.Webhooks.DeliveriesAsync(test.Database, "acme", resolvedOnly.Id, cancellationToken: Token);
        Assert.Equal(["alert.resolved", "alert.opened"], toAll.Select(d => d.Event));
        Assert.Equal(["alert.resolved"], toResolved.Select(d => d.Event));
        Assert.All(toAll, d => Assert.Equal((DeliveryStatus.Pending, 0), (d.Status, d.Attempts)));
        var due = await Webhooks.Webhooks.DueAsync(test.Database, Now.AddHours(3), cancellationToken: Token);
        Assert.Equal(3, due.Count);
        var opened = Assert.Single(due, d => d.Event == "alert.opened");
        Assert.Equal(
            $$$"""{"id":"{{{opened.Id}}}","event":"alert.opened","occurred_at":"2026-12-01T10:00:00Z","tenant":"acme","data":{"id":1,"rule":"detractor","account_id":"X1","csm":"ann","opened_at":"2026-12-01T10:00:00Z","status":"open","reason":"NPS 2 from u7 on 2026-12-01","resolved_at":null,"resolution":null}}""",
            opened.Body);
        Assert.Matches("^dlv_[0-9a-f]{32}$", opened.Id);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task RecordAttemptAsync_FailureThenSuccess_RetriesThenDelivers(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        var hook = await Webhooks.Webhooks.AddAsync(test.Database, "acme", "http://127.0.0.1:9/x", "0123456789abcdef", null, Token);
        await AlertStore.ApplyAsync(test.Database, "acme", Evaluation(Now, DetractorX1), Token);
        var at = Now.AddMilliseconds(-500); // occurred_at, whole seconds
        var due = Assert.Single(await Webhooks.Webhooks.DueAsync(test.Database, at, cancellationToken: Token));

        var failed = await Webhooks.Webhooks.RecordAttemptAsync(test.Database, due, at, 500, null, Token);
        var notYet = await Webhooks.Webhooks.DueAsync(test.Database, at.AddSeconds(14), cancellationToken: Token);
        var retry = Assert.Single(await Webhooks.Webhooks.DueAsync(test.Database, at.AddSeconds(15), cancellationToken: Token));
        var delivered = await Webhooks.Webhooks.RecordAttemptAsync(test.Database, retry, at.AddSeconds(15), 204, null, Token);

        Assert.Equal((DeliveryStatus.Pending, 1, "HTTP 500", at.AddSeconds(15)), (failed!.Status, failed.Attempts, failed.LastError, failed.NextAttemptAt));
        Assert.Empty(notYet);
        Assert.Equal((DeliveryStatus.Delivered, 2, (string?)null, (int?)204), (delivered!.Status, delivered.Attempts, delivered.LastError, delivered.LastStatusCode));
        Assert.Empty(await Webhooks.Webhooks.DueAsync(test.Database, at.AddDays(2), cancellationToken: Token));
        Assert.Equal(DeliveryStatus.Delivered, Assert.Single(await Webhooks.Webhooks.DeliveriesAsync(test.Database, "acme", hook.Id, cancellationToken: Token)).Status);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AddAsync_BadInput_SavesNothing(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);

        var ftp = await Assert.ThrowsAsync<WebhookException>(() => Webhooks.Webhooks.AddAsync(test.Database, "acme", "ftp://example.com/x", "0123456789abcdef", null, Token));
        var relative = await Assert.ThrowsAsync<WebhookException>(() => Webhooks.Webhooks.AddAsync(test.Database, "acme", "/hooks", "0123456789abcdef", null, Token));
        var shortSecret = await Assert.ThrowsAsync<WebhookException>(() => Webhooks.Webhooks.AddAsync(test.Database, "acme", "https://example.com/x", "short", null, Token));
        var unknownEvent = await Assert.ThrowsAsync<WebhookException>(() => Webhooks.Webhooks.AddAsync(test.Database, "acme", "https://example.com/x", "0123456789abcdef", "alert.opened,alert.snoozed", Token));

        Assert.StartsWith("url: 'ftp://example.com/x' is not an http:// or https:// URL", ftp.Message);
        Assert.StartsWith("url: '/hooks' is not an http:// or https:// URL", relative.Message);
        Assert.StartsWith("secret: must be 16 to 500 characters", shortSecret.Message);
        Assert.StartsWith("events: 'alert.snoozed' is not an event", unknownEvent.Message);
        Assert.Empty(await Webhooks.Webhooks.ListAsync(test.Database, "acme", Token));
    }
}
