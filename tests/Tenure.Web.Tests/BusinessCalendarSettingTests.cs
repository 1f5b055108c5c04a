using System.Net;

using Microsoft.Extensions.DependencyInjection;

using Tenure.Metrics.Support;
using Tenure.Storage.Users;
using Tenure.Testing;
using Tenure.Web.Dashboards;
using Tenure.Web.Settings;

namespace Tenure.Web.Tests;

/// <summary>The settings page's business-hours fields, read and validated without a browser.</summary>
public sealed class BusinessCalendarFormTests
{
    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    [Fact]
    public void TryReadForm_GoodFields_MakeTheCalendar()
    {
        Assert.True(TenantBusinessCalendarSetting.TryReadForm(Weekdays, "08:30", "18:00", "Europe/Berlin", "2026-12-25\n2026-12-24, 2026-12-31", out var calendar, out var errors));
        Assert.Empty(errors);
        Assert.Equal("Europe/Berlin", calendar.TimeZoneId);
        Assert.Equal(new TimeOnly(8, 30), calendar.Opens);
        Assert.Equal([new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 31)], calendar.Holidays);
        Assert.Equal("Monday to Friday, 08:30-18:00 (Europe/Berlin), 3 holidays", TenantBusinessCalendarSetting.Describe(calendar));
    }

    [Fact]
    public void TryReadForm_BadFields_OneSentenceEachNamingTheField()
    {
        Assert.False(TenantBusinessCalendarSetting.TryReadForm(Weekdays, "9am", "", "Europe/Berlin", "2026-12-25\n25.12.2026", out var calendar, out var errors));
        Assert.Null(calendar);
        Assert.Equal(
        [
            "Opens: '9am' is not a time of day written HH:mm (00:00 to 23:59).",
            "Closes: '' is not a time of day written HH:mm (00:00 to 23:59).",
            "Holidays: '25.12.2026' is not a date written yyyy-MM-dd.",
        ], errors);
    }

    [Fact]
    public void TryReadForm_RulesBroken_EveryRuleSaid()
    {
        Assert.False(TenantBusinessCalendarSetting.TryReadForm([], "22:00", "06:00", "Atlantis/Capital", "", out _, out var errors));
        Assert.Equal(3, errors.Count);
        Assert.Contains("There must be at least one working day.", errors);
        Assert.Contains(errors, e => e.StartsWith("Closing time 06:00 must be after opening time 22:00", StringComparison.Ordinal) && e.Contains("overnight", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Time zone 'Atlantis/Capital' is not in this system's time-zone database", StringComparison.Ordinal));
    }

    [Fact]
    public void TimeZoneIds_HoldTheIanaIds()
    {
        Assert.Contains("UTC", TenantBusinessCalendarSetting.TimeZoneIds);
        Assert.Contains("Europe/Berlin", TenantBusinessCalendarSetting.TimeZoneIds);
        Assert.Contains("America/New_York", TenantBusinessCalendarSetting.TimeZoneIds);
    }
}

/// <summary>The workspace setting business_calendar applied to the metrics API and the dashboards.</summary>
public abstract class BusinessCalendarSettingTests(PostgresServer postgres, Provider provider)
{
    private const string Tenant = Storage.Tenants.Default;

    /// <summary>
    /// K1 created Friday 2024-05-10 16:00Z, answered Monday 13 10:00Z, resolved Tuesday 14 12:00Z.
    /// Default calendar (Monday-Friday 09:00-17:00 UTC): first response 1 + 1 = 2 h; resolution 1 + 8 + 3 = 12 h.
    /// Berlin 09:00-17:00 (UTC+2) with Monday 13 May a holiday: created 18:00 local (closed); first response 0 h;
    /// resolved Tuesday 14:00 local: 09:00-14:00 = 5 h.
    /// </summary>
    private const string Tickets =
        "ticket_id,account_id,created_at,first_response_at,resolved_at\n" +
        "K1,A1,2024-05-10T16:00:00Z,2024-05-13T10:00:00Z,2024-05-14T12:00:00Z\n";

    private static readonly BusinessCalendar Berlin = BusinessCalendar.Create(
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        new TimeOnly(9, 0), new TimeOnly(17, 0), "Europe/Berlin", [new DateOnly(2024, 5, 13)]);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<(TenureTestServer Server, HttpClient Client)> StartAsync()
    {
        var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync(Tenant);
        await (await client.PostCsvAsync("accounts", "account_id,name,created_at\nA1,Umbrella,2023-01-10\n")).JsonAsync(HttpStatusCode.OK);
        await (await client.PostCsvAsync("tickets", Tickets)).JsonAsync(HttpStatusCode.OK);
        return (server, client);
    }

    private static async Task<decimal?> ApiValueAsync(HttpClient client, string metric)
    {
        var json = await (await client.Get($"/api/v1/metrics?from=2024-05-01&to=2024-06-01&metric={metric}")).JsonAsync(HttpStatusCode.OK);
        var value = json.GetProperty("results")[0].GetProperty("value");
        return value.ValueKind == System.Text.Json.JsonValueKind.Null ? null : value.GetDecimal();
    }

    [Fact]
    public async Task Api_UsesTheWorkspaceCalendar_DefaultWhenNoneIsSet()
    {
        var (server, client) = await StartAsync();
        await using var _ = server;
        Assert.Equal(2m, await ApiValueAsync(client, "first-response-time-business"));
        Assert.Equal(12m, await ApiValueAsync(client, "resolution-time-business"));

        using (var scope = server.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<TenantBusinessCalendarSetting>().SetAsync(Tenant, Berlin, Token);
        Assert.Equal(
            """{"workingDays":["monday","tuesday","wednesday","thursday","friday"],"opens":"09:00","closes":"17:00","timeZone":"Europe/Berlin","holidays":["2024-05-13"]}""",
            await TenantSettings.GetAsync(server.Database, Tenant, TenantSettings.BusinessCalendar, Token));
        Assert.Equal(0m, await ApiValueAsync(client, "first-response-time-business"));
        Assert.Equal(5m, await ApiValueAsync(client, "resolution-time-business"));
        // The clock times do not move: 66 h and 92 h.
        Assert.Equal(66m, await ApiValueAsync(client, "first-response-time"));
        Assert.Equal(92m, await ApiValueAsync(client, "resolution-time"));
    }

    [Fact]
    public async Task Setting_TheDefaultCalendar_RemovesTheSetting_AndAnUnreadableOneFallsBackToTheDefault()
    {
        var (server, client) = await StartAsync();
        await using var _ = server;
        using var scope = server.Services.CreateScope();
        var setting = scope.ServiceProvider.GetRequiredService<TenantBusinessCalendarSetting>();
        await setting.SetAsync(Tenant, Berlin, Token);
        await setting.SetAsync(Tenant, BusinessCalendar.Default, Token);
        Assert.Null(await TenantSettings.GetAsync(server.Database, Tenant, TenantSettings.BusinessCalendar, Token));

        await TenantSettings.SetAsync(server.Database, Tenant, TenantSettings.BusinessCalendar, """{"timeZone":"No/Such_Zone"}""", Token);
        Assert.Equal(BusinessCalendarJson.Write(BusinessCalendar.Default), BusinessCalendarJson.Write(await setting.GetAsync(Tenant, Token)));
        Assert.Equal(2m, await ApiValueAsync(client, "first-response-time-business"));
    }

    [Fact]
    public async Task SupportDashboard_FollowsTheSetting_NotAnOldCachedPage()
    {
        var (server, _) = await StartAsync();
        await using var __ = server;
        using var scope = server.Services.CreateScope();
        var pages = ActivatorUtilities.CreateInstance<DashboardPages>(scope.ServiceProvider, new EveryoneUser());
        Func<string, string?> may = k => k switch { "period" => "month", "date" => "2024-05-01", _ => null };

        var before = await pages.SupportAsync(may, Token);
        Assert.Equal(2m, before.Model.Cards.Single(c => c.MetricId == "first-response-time-business").Value);
        Assert.Equal(12m, before.Model.Cards.Single(c => c.MetricId == "resolution-time-business").Value);

        await scope.ServiceProvider.GetRequiredService<TenantBusinessCalendarSetting>().SetAsync(Tenant, Berlin, Token);
        var after = await pages.SupportAsync(may, Token);
        Assert.False(after.FromCache);
        Assert.Equal(0m, after.Model.Cards.Single(c => c.MetricId == "first-response-time-business").Value);
        Assert.Equal(5m, after.Model.Cards.Single(c => c.MetricId == "resolution-time-business").Value);
        // The clock time is on the page too, unchanged: 66 h.
        Assert.Equal(66m, after.Model.Cards.Single(c => c.MetricId == "first-response-time").Value);
    }
}

public sealed class BusinessCalendarSettingTestsOnSqlite(PostgresServer postgres) : BusinessCalendarSettingTests(postgres, Provider.Sqlite);

public sealed class BusinessCalendarSettingTestsOnPostgres(PostgresServer postgres) : BusinessCalendarSettingTests(postgres, Provider.PostgreSql);
