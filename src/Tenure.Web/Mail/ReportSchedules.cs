using System.Globalization;
using System.Text.Json;

using Microsoft.AspNetCore.WebUtilities;

using Tenure.Storage;
using Tenure.Storage.Mail;
using Tenure.Storage.Users;
using Tenure.Web.Dashboards;

namespace Tenure.Web.Mail;

/// <summary>
/// A scheduled report: a dashboard view (<paramref name="View"/>: path and query, e.g. "/dashboards/saas?segment=smb")
/// mailed <paramref name="Frequency"/> (daily, weekly on Mondays, monthly on the 1st) at <paramref name="Hour"/>:00 in the
/// workspace's time zone to <paramref name="To"/>.
/// </summary>
public sealed record ReportSchedule(int Id, string View, string Frequency, int Hour, IReadOnlyList<string> To, DateTime CreatedAt);

/// <summary>
/// The tenant's scheduled reports (docs/email.md), kept as one JSON setting (tenant_settings "report_schedules"). Every
/// change is checked first: a bad address, a path that is not a dashboard, a query the dashboard refuses, a frequency
/// or hour that does not exist: <see cref="MailException"/> and nothing saved.
/// </summary>
public static class ReportSchedules
{
    /// <summary>The tenant setting holding the schedules.</summary>
    public const string Setting = "report_schedules";

    /// <summary>The frequencies.</summary>
    public static readonly IReadOnlyList<string> Frequencies = ["daily", "weekly", "monthly"];

    /// <summary>The most schedules one tenant may have.</summary>
    public const int MaxSchedules = 100;

    /// <summary>Checks and adds a schedule; returns it.</summary>
    public static async Task<ReportSchedule> AddAsync(TenureDatabase database, string tenant, string? view, string? frequency, int? hour, string? to, DateTime now, CancellationToken cancellationToken = default)
    {
        var checkedView = CheckView(view, now);
        var freq = frequency?.Trim().ToLowerInvariant() ?? "";
        if (!Frequencies.Contains(freq))
            throw new MailException($"frequency: '{frequency}' is not a schedule (daily, weekly or monthly).");
        var at = hour ?? 8;
        if (at is < 0 or > 23) throw new MailException(string.Create(CultureInfo.InvariantCulture, $"hour: {at} is not an hour of the day (0 to 23, in the workspace's time zone)."));
        var recipients = MailAddresses.ParseList(to, "to");
        var all = (await ListAsync(database, tenant, cancellationToken)).ToList();
        if (all.Count >= MaxSchedules) throw new MailException($"schedules: the workspace already has {MaxSchedules}; remove one first.");
        var schedule = new ReportSchedule(all.Count == 0 ? 1 : all.Max(s => s.Id) + 1, checkedView, freq, at, recipients, now);
        all.Add(schedule);
        await TenantSettings.SetAsync(database, tenant, Setting, Write(all), cancellationToken);
        return schedule;
    }

    /// <summary>The tenant's schedules, oldest first.</summary>
    public static async Task<IReadOnlyList<ReportSchedule>> ListAsync(TenureDatabase database, string tenant, CancellationToken cancellationToken = default) =>
        Read(await TenantSettings.GetAsync(database, tenant, Setting, cancellationToken));

    /// <summary>Removes schedule <paramref name="id"/>; false when there is none.</summary>
    public static async Task<bool> RemoveAsync(TenureDatabase database, string tenant, int id, CancellationToken cancellationToken = default)
    {
        var all = (await ListAsync(database, tenant, cancellationToken)).ToList();
        if (all.RemoveAll(s => s.Id == id) == 0) return false;
        await TenantSettings.SetAsync(database, tenant, Setting, all.Count == 0 ? null : Write(all), cancellationToken);
        return true;
    }

    /// <summary>
    /// The view as stored ("/dashboards/saas?segment=smb"): the path must be a dashboard (<see cref="DashboardReport.Paths"/>)
    /// and the query one the dashboard accepts (its own parser says what is wrong).
    /// </summary>
    public static string CheckView(string? view, DateTime now)
    {
        var text = view?.Trim() ?? "";
        if (Uri.TryCreate(text, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https") text = absolute.PathAndQuery;
        var (path, query) = Split(text);
        if (!DashboardReport.Paths.Contains(path))
            throw new MailException($"view: '{path}' is not a dashboard (one of {string.Join(", ", DashboardReport.Paths)}, with its query, e.g. /dashboards/saas?segment=smb).");
        var values = QueryHelpers.ParseQuery(query);
        var unknown = values.Keys.FirstOrDefault(k => !DashboardReport.QueryKeys.Contains(k));
        if (unknown is not null)
            throw new MailException($"view: query parameter '{unknown}' is not one the dashboards read ({string.Join(", ", DashboardReport.QueryKeys)}).");
        DashboardQuery.Parse(k => values.TryGetValue(k, out var v) ? v.ToString() : null, now, out var error);
        if (error is not null) throw new MailException($"view: {error}");
        return query.Length > 1 ? path + query : path;
    }

    /// <summary>The path and the query (with its "?", or empty).</summary>
    public static (string Path, string Query) Split(string view)
    {
        var mark = view.IndexOf('?', StringComparison.Ordinal);
        var path = (mark < 0 ? view : view[..mark]).TrimEnd('/');
        return (path.Length == 0 ? "/" : path, mark < 0 ? "" : view[mark..]);
    }

    private static IReadOnlyList<ReportSchedule> Read(string? json)
    {
        if (string.IsNullOrEmpty(json)) return [];
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(e => new ReportSchedule(
            e.GetProperty("id").GetInt32(), e.GetProperty("view").GetString()!, e.GetProperty("frequency").GetString()!, e.GetProperty("hour").GetInt32(),
            [.. e.GetProperty("to").EnumerateArray().Select(t => t.GetString()!)], e.GetProperty("created_at").GetDateTime().ToUniversalTime()))];
    }

    private static string Write(IEnumerable<ReportSchedule> schedules)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartArray();
            foreach (var s in schedules) WriteSchedule(json, s);
            json.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary><c>{"id":1,"view":"/dashboards/saas","frequency":"weekly","hour":8,"to":[..],"created_at":".."}</c>, as the API and the CLI print it.</summary>
    public static void WriteSchedule(Utf8JsonWriter json, ReportSchedule s)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(s);
        json.WriteStartObject();
        json.WriteNumber("id", s.Id);
        json.WriteString("view", s.View);
        json.WriteString("frequency", s.Frequency);
        json.WriteNumber("hour", s.Hour);
        json.WriteStartArray("to");
        foreach (var t in s.To) json.WriteStringValue(t);
        json.WriteEndArray();
        json.WriteString("created_at", DateTime.SpecifyKind(s.CreatedAt, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        json.WriteEndObject();
    }
}
