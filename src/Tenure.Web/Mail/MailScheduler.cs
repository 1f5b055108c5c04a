using System.Globalization;

using Microsoft.Extensions.Options;

using Tenure.Storage;
using Tenure.Storage.Alerts;
using Tenure.Storage.Mail;
using Tenure.Storage.Users;
using Tenure.Web.Dashboards;
using Tenure.Web.Data;
using Tenure.Web.Settings;

namespace Tenure.Web.Mail;

/// <summary>
/// Enqueues scheduled mail when due (docs/email.md): each CSM's weekly digest (tenant setting "digest_schedule",
/// default "monday 08:00", in the workspace's time zone) and each scheduled report. Every mail is keyed by its slot
/// (digest:&lt;email&gt;:&lt;date&gt;, report:&lt;id&gt;:&lt;date&gt;), so it is enqueued once per CSM per week and once per report per
/// period, however often this looks and however many servers look.
/// </summary>
public sealed partial class MailScheduler(IServiceProvider services, TenureDatabase database, TenantDataCache data,
    IOptions<MailOptions> options, TimeProvider clock, ILogger<MailScheduler> logger) : BackgroundService
{
    /// <summary>The tenant setting of the digest's day and hour: "monday 08:00".</summary>
    public const string DigestSetting = "digest_schedule";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Schedule) return;
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunAsync(clock.GetUtcNow().UtcDateTime, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(e);
            }
            try
            {
                await Task.Delay(TimeSpan.FromMinutes(options.Value.ScheduleCheckMinutes), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Enqueues every digest and report due at <paramref name="now"/> and not yet enqueued; returns how many were enqueued.</summary>
    public async Task<int> RunAsync(DateTime now, CancellationToken cancellationToken = default)
    {
        var enqueued = 0;
        foreach (var tenant in await AlertStore.TenantsAsync(database, cancellationToken))
        {
            TimeZoneInfo zone;
            using (var scope = services.CreateScope())
                zone = (await scope.ServiceProvider.GetRequiredService<WorkspaceMetricOptions>().GetAsync(tenant, cancellationToken)).BusinessCalendar.TimeZone;
            enqueued += await DigestsAsync(tenant, now, zone, cancellationToken);
            enqueued += await ReportsAsync(tenant, now, zone, cancellationToken);
        }
        return enqueued;
    }

    /// <summary>"monday 08:00" → (Monday, 8); null or unreadable: Monday 08:00.</summary>
    public static (DayOfWeek Day, int Hour) ParseDigestSchedule(string? text)
    {
        var parts = (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 2 && Enum.TryParse<DayOfWeek>(parts[0], ignoreCase: true, out var day) && Enum.IsDefined(day)
            && TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) && time.Minute == 0)
            return (day, time.Hour);
        return (DayOfWeek.Monday, 8);
    }

    private async Task<int> DigestsAsync(string tenant, DateTime now, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var (day, hour) = ParseDigestSchedule(await TenantSettings.GetAsync(database, tenant, DigestSetting, cancellationToken));
        var slot = MailSlots.LatestWeekly(now, day, hour, zone);
        var enqueued = 0;
        foreach (var user in await DashboardUsers.ListAsync(database, tenant, cancellationToken))
        {
            if (user.Role != DashboardRole.Csm || user.Csm is not { } csm || user.DisabledAt is not null || !MailAddresses.IsValid(user.Email)) continue;
            var key = $"digest:{user.Email}:{slot.Local:yyyy-MM-dd}";
            if (await MailOutbox.HasKeyAsync(database, tenant, key, cancellationToken)) continue;
            if (await MailPreferences.GetAsync(database, tenant, user.Email, cancellationToken) is { DigestEmails: false }) continue;
            var content = await DigestAsync(tenant, csm, slot.Utc, cancellationToken);
            var (subject, text) = CsmDigest.Render(csm, slot.Local, content);
            if (await MailOutbox.EnqueueAsync(database, tenant, new OutgoingMail([user.Email], subject, text, MailKinds.Digest, Key: key), cancellationToken) is not null)
                enqueued++;
        }
        return enqueued;
    }

    /// <summary>The digest of <paramref name="csm"/>'s book at <paramref name="at"/>: tasks due within 7 days of it.</summary>
    public async Task<CsmDigest.Content> DigestAsync(string tenant, string csm, DateTime at, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var pages = ActivatorUtilities.CreateInstance<DashboardPages>(scope.ServiceProvider, new ReportUser(tenant, csm));
        var red = (await pages.AtRiskAsync(k => k switch { "csm" => csm, "band" => "red", _ => null }, cancellationToken)).Model.Rows;
        var alerts = (await AlertStore.ListAsync(database, tenant, openOnly: true, cancellationToken))
            .Where(a => string.Equals(a.Csm, csm, StringComparison.Ordinal)).ToList();
        var snapshot = await data.GetAsync(tenant, cancellationToken);
        return new CsmDigest.Content(red, alerts, CsmDigest.TasksDue(snapshot.Data, csm, at.AddDays(7)));
    }

    private async Task<int> ReportsAsync(string tenant, DateTime now, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var enqueued = 0;
        foreach (var schedule in await ReportSchedules.ListAsync(database, tenant, cancellationToken))
        {
            var slot = schedule.Frequency switch
            {
                "daily" => MailSlots.LatestDaily(now, schedule.Hour, zone),
                "monthly" => MailSlots.LatestMonthly(now, schedule.Hour, zone),
                _ => MailSlots.LatestWeekly(now, DayOfWeek.Monday, schedule.Hour, zone),
            };
            if (slot.Utc < schedule.CreatedAt) continue; // the first slot after it was scheduled has not come yet
            var key = string.Create(CultureInfo.InvariantCulture, $"report:{schedule.Id}:{slot.Local:yyyy-MM-dd}");
            if (await MailOutbox.HasKeyAsync(database, tenant, key, cancellationToken)) continue;
            try
            {
                var report = await DashboardReport.BuildAsync(services, tenant, schedule.View, cancellationToken);
                if (await MailOutbox.EnqueueAsync(database, tenant, new OutgoingMail(schedule.To, report.Subject, report.Text, MailKinds.Report, Attachments: report.Attachments, Key: key), cancellationToken) is not null)
                    enqueued++;
            }
            catch (MailException e)
            {
                LogReportRefused(tenant, schedule.Id, schedule.View, e.Message);
            }
        }
        return enqueued;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduling digests and reports failed; retrying at the next look")]
    private partial void LogFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {Schedule} of tenant {Tenant} ({View}) was not sent: {Error}")]
    private partial void LogReportRefused(string tenant, int schedule, string view, string error);
}
