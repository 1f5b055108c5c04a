using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

using Microsoft.Playwright;

using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Reporting;

namespace Tenure.Web.BrowserTests;

/// <summary>
/// What a person sees, on a phone (390 x 844) and a laptop (1440 x 900): no page wider than the screen, wide tables
/// scrolling in their own panel, chart labels large enough to read, axes scaled to the data, values on hover, and an
/// API reference that loads nothing from another host.
/// </summary>
[Collection(BrowserServer.Collection)]
public sealed class LayoutAndChartBrowserTests(BrowserServer server)
{
    private const string From = "2026-10-01", To = "2026-11-01";
    private const string Month = "period=month&date=" + From;
    private const int Phone = 390, PhoneHeight = 844, Laptop = 1440, LaptopHeight = 900;

    private IReadOnlyList<(string Name, string Path)> Pages =>
    [
        ("kpi", "/dashboards/kpi?" + Month),
        ("saas", "/dashboards/saas?" + Month),
        ("executive", "/dashboards/executive?" + Month),
        ("cs-manager", "/dashboards/cs-manager?" + Month),
        ("support", "/dashboards/support?" + Month),
        ("accounts", "/accounts"),
        ("account", "/accounts/" + Uri.EscapeDataString(server.ScriptAccountId)),
        ("metrics", "/metrics"),
        ("metric", "/metrics/churn-rate"),
        ("settings", "/settings"),
        ("at-risk", "/at-risk"),
        ("alerts", "/alerts"),
        ("my-work", "/my-work"),
        ("goals", "/goals"),
        ("surveys", "/surveys"),
        ("feedback", "/feedback"),
    ];

    public static TheoryData<string, int> RolesAndWidths => new()
    {
        { BrowserServer.AdminEmail, Phone }, { BrowserServer.AdminEmail, Laptop },
        { BrowserServer.CsmEmail, Phone }, { BrowserServer.CsmEmail, Laptop },
        { BrowserServer.ViewerEmail, Phone }, { BrowserServer.ViewerEmail, Laptop },
    };

    [BrowserTheory]
    [MemberData(nameof(RolesAndWidths))]
    public async Task EveryPage_IsNoWiderThanTheWindow(string email, int width)
    {
        server.RequireChromium();
        await using var context = await server.NewContextAsync(width, width == Phone ? PhoneHeight : LaptopHeight);
        var page = await server.SignInAsync(context, email);
        var directory = Directory.CreateDirectory(Path.Combine(BrowserServer.ScreenshotDirectory, "layout")).FullName;
        var role = email[..email.IndexOf('@', StringComparison.Ordinal)];
        var tooWide = new List<string>();

        foreach (var (name, path) in Pages)
        {
            // Long enough for the first /feedback after start, which may still be analysing the comments on a busy machine.
            var response = await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Load, Timeout = 180_000 });
            Assert.NotNull(response);
            Assert.True(response.Status < 500, $"{path}: HTTP {response.Status}");
            await page.ScreenshotAsync(new() { Path = Path.Combine(directory, $"{role}-{width}-{name}.png"), FullPage = true });
            var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (scrollWidth > width)
                tooWide.Add($"{name}: {scrollWidth} px wide; sticking out: {await WidestAsync(page, width)}");
        }

        Assert.True(tooWide.Count == 0, $"{role} at {width} px:\n" + string.Join("\n", tooWide));
    }

    [BrowserTheory]
    [InlineData(Laptop)]
    [InlineData(Phone)]
    public async Task CsManagerTables_FitTheirPanel_OrScrollInsideIt(int width)
    {
        server.RequireChromium();
        await using var context = await server.NewContextAsync(width, width == Phone ? PhoneHeight : LaptopHeight);
        var page = await server.SignInAsync(context, BrowserServer.AdminEmail);
        await page.GotoAsync("/dashboards/cs-manager?" + Month);

        var tables = await page.EvaluateAsync<JsonElement>("""
            () => [...document.querySelectorAll('.t-panel .t-table')].map(t => {
                const scroller = t.querySelector('.mud-table-container');
                const table = t.querySelector('table');
                const panel = t.closest('.t-panel').getBoundingClientRect();
                const box = scroller.getBoundingClientRect();
                return { heading: t.closest('.t-panel').querySelector('h2').innerText, tableWidth: table.scrollWidth, boxWidth: scroller.clientWidth,
                         overflowX: getComputedStyle(scroller).overflowX, boxRight: box.right, panelRight: panel.right, windowWidth: window.innerWidth };
            })
            """);
        Assert.Equal(2, tables.GetArrayLength());
        foreach (var t in tables.EnumerateArray())
        {
            var heading = t.GetProperty("heading").GetString();
            // The table's box stays inside its panel, and the panel inside the window ...
            Assert.True(t.GetProperty("boxRight").GetDouble() <= t.GetProperty("panelRight").GetDouble() + 0.5, $"{heading}: the table sticks out of its panel");
            Assert.True(t.GetProperty("panelRight").GetDouble() <= t.GetProperty("windowWidth").GetDouble(), $"{heading}: the panel sticks out of the window");
            // ... and a table wider than its box scrolls inside it.
            var fits = t.GetProperty("tableWidth").GetDouble() <= t.GetProperty("boxWidth").GetDouble();
            Assert.True(fits || t.GetProperty("overflowX").GetString() is "auto" or "scroll", $"{heading}: {t}");
            if (width == Laptop)
                Assert.True(fits, $"{heading} does not fit at {width} px: {t}");
        }
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= width);
    }

    [BrowserFact]
    public async Task ChartLabels_AreAtLeast10PxHigh_AtBothWidths()
    {
        server.RequireChromium();
        foreach (var width in new[] { Laptop, Phone })
        {
            await using var context = await server.NewContextAsync(width, width == Phone ? PhoneHeight : LaptopHeight);
            var page = await server.SignInAsync(context, BrowserServer.AdminEmail);
            foreach (var path in new[] { "/dashboards/kpi?" + Month, "/dashboards/executive?" + Month, "/accounts/" + Uri.EscapeDataString(server.ScriptAccountId) })
            {
                await page.GotoAsync(path);
                var sizes = await page.EvaluateAsync<double[]>("""
                    () => [...document.querySelectorAll('.t-chart .t-tick, .t-chart .t-x')]
                        .filter(e => e.getBoundingClientRect().height > 0)
                        .map(e => parseFloat(getComputedStyle(e).fontSize))
                    """);
                Assert.True(sizes.Length > 0, $"{path}: no axis labels at {width} px");
                Assert.True(sizes.Min() >= 10, $"{path} at {width} px: an axis label of {sizes.Min()} px");
                // The labels are not shrunk by a scaled drawing either: as tall on screen as their font.
                var heights = await page.EvaluateAsync<double[]>("() => [...document.querySelectorAll('.t-chart .t-tick')].map(e => e.getBoundingClientRect().height)");
                Assert.True(heights.Min() >= 10, $"{path} at {width} px: an axis label {heights.Min()} px high");
            }
        }
    }

    [BrowserFact]
    public async Task ChurnRateChart_AxisIsScaledToTheWeeklyRates()
    {
        server.RequireChromium();
        await using var context = await server.NewContextAsync();
        var page = await server.SignInAsync(context, BrowserServer.AdminEmail);
        await page.GotoAsync("/dashboards/executive?" + Month);
        var chart = page.Locator(".t-headline").Filter(new() { Has = page.Locator("a.t-def[href='/metrics/churn-rate']") }).Locator(".t-chart");

        var ticks = (await chart.Locator(".t-tick").EvaluateAllAsync<string[]>("ts => ts.map(t => t.dataset.value)")).Select(Parse).ToList();
        var points = (await chart.Locator(".t-point").EvaluateAllAsync<string[]>("ps => ps.map(p => p.dataset.value)")).Select(Parse).ToList();

        // The page's weeks: the 12 ISO weeks up to the end of October 2026, Monday 10 Aug (26 Oct, the Monday of the
        // week holding 31 Oct, minus 11 weeks = 77 days) to 1 Nov, the last week cut at the month's end.
        var weekly = await WeeklyAsync("churn-rate", "2026-08-10", To);
        Assert.Equal(12, weekly.Count);
        Assert.Equal(weekly.Where(v => v is not null).Select(v => v!.Value), points);
        var max = weekly.Max()!.Value;
        var step = ticks[1] - ticks[0];
        Assert.True(max is > 0m and < 10m, $"the demo's weekly churn rates peak at {max} %");
        // The top tick is the first round tick at or above the highest rate (1.6 % gets 2 %), never a fixed 20 %.
        Assert.True(ticks[^1] >= max && ticks[^1] - step < max, $"ticks {string.Join(", ", ticks)} for a maximum of {max}");
        Assert.True(ticks[^1] < 20m);
        Assert.Equal(0m, ticks[0]);
    }

    [BrowserFact]
    public async Task ChartPoint_ShowsItsValueOnHover_AndInTheTable()
    {
        server.RequireChromium();
        await using var context = await server.NewContextAsync();
        var page = await server.SignInAsync(context, BrowserServer.AdminEmail);
        await page.GotoAsync("/dashboards/kpi?" + Month);
        var mrr = await ApiMonthAsync("mrr");
        var expected = MetricNumbers.ForPeople(mrr, MetricUnit.Money);

        // The MRR trend's last point is October 2026.
        var chart = page.Locator(".t-panel").Filter(new() { HasText = "MRR, last 12 months" }).Locator(".t-chart");
        var point = chart.Locator(".t-point").Last;
        var tip = point.Locator(".t-tip");
        Assert.False(await tip.IsVisibleAsync());
        await point.HoverAsync();
        Assert.True(await tip.IsVisibleAsync());
        Assert.Equal($"Oct 26 {expected}", (await tip.InnerTextAsync()).ReplaceLineEndings(" ").Trim());
        Assert.Equal($"Oct 26: {expected}", await point.GetAttributeAsync("aria-label"));
        await chart.ScreenshotAsync(new() { Path = Path.Combine(BrowserServer.ScreenshotDirectory, "chart-hover.png") });

        // The same numbers as a table, without JavaScript: a <details> under the chart.
        await chart.Locator("details.t-chart-data summary").ClickAsync();
        var last = chart.Locator("details.t-chart-data tbody tr").Last;
        Assert.Equal("Oct 26", (await last.Locator("th").InnerTextAsync()).Trim());
        Assert.Equal(expected, (await last.Locator("td").InnerTextAsync()).Trim());
        Assert.Equal(12, await chart.Locator("details.t-chart-data tbody tr").CountAsync());

        // The waterfall's closing bar says October's MRR too.
        var closing = page.Locator(".t-waterfall .t-point").Last;
        await closing.HoverAsync();
        Assert.Contains(expected, await closing.Locator(".t-tip").InnerTextAsync(), StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task ApiReference_RequestsNothingFromAnotherHost()
    {
        server.RequireChromium();
        await using var context = await server.NewContextAsync();
        var page = await context.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => { lock (requests) requests.Add(request.Url); };

        var response = await page.GotoAsync("/api/reference");
        Assert.Equal(200, response!.Status);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // The reference has rendered the document (it fetched /openapi/v1.json and shows an operation).
        await page.GetByText("Tenure API").First.WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserServer.ScreenshotDirectory, "api-reference.png") });

        string[] seen;
        lock (requests) seen = [.. requests];
        Assert.Contains(seen, u => u.EndsWith("/openapi/v1.json", StringComparison.Ordinal));
        var outside = seen.Where(u => !u.StartsWith("data:", StringComparison.Ordinal) && new Uri(u).Host != "127.0.0.1").ToList();
        Assert.True(outside.Count == 0, "requests to other hosts:\n" + string.Join("\n", outside));
    }

    private static decimal Parse(string value) => decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture);

    /// <summary>The elements whose right edge passes <paramref name="width"/>, deepest first: what makes a page too wide.</summary>
    private static async Task<string> WidestAsync(IPage page, int width) =>
        await page.EvaluateAsync<string>("""
            w => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > w + 0.5 && ![...e.children].some(c => c.getBoundingClientRect().right > w + 0.5))
                .slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} (right ${Math.round(e.getBoundingClientRect().right)})`).join('; ')
            """, width);

    /// <summary>GET /api/v1/metrics weekly over [from, to): the value of <paramref name="metricId"/> ("all") per week, in order.</summary>
    private async Task<List<decimal?>> WeeklyAsync(string metricId, string from, string to)
    {
        using var json = await GetMetricsAsync($"/api/v1/metrics?from={from}&to={to}&period=week&metric={metricId}");
        return [.. json.RootElement.GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("segment").GetString() == "all")
            .OrderBy(r => r.GetProperty("period").GetProperty("start").GetString(), StringComparer.Ordinal)
            .Select(r => r.GetProperty("value") is { ValueKind: JsonValueKind.Number } v ? v.GetDecimal() : (decimal?)null)];
    }

    /// <summary>GET /api/v1/metrics for October 2026: the value of <paramref name="metricId"/> ("all").</summary>
    private async Task<decimal?> ApiMonthAsync(string metricId)
    {
        using var json = await GetMetricsAsync($"/api/v1/metrics?from={From}&to={To}&period=month&metric={metricId}");
        var value = json.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("segment").GetString() == "all").GetProperty("value");
        return value.ValueKind == JsonValueKind.Number ? value.GetDecimal() : null;
    }

    private async Task<JsonDocument> GetMetricsAsync(string url)
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.ApiKey);
        using var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }
}
