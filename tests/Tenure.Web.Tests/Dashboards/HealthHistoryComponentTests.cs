using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Tenure.Testing;
using Tenure.Web.Components.Account;
using Tenure.Web.Health;

namespace Tenure.Web.Tests.Dashboards;

/// <summary>
/// The account page's health history (HealthHistory.razor) rendered on <see cref="SampleData"/> after the back-fill,
/// "today" 2024-06-15: A3 went from green to yellow on 2024-06-13 (hand calculation in AccountHealthHistoryApiTests).
/// </summary>
public sealed class HealthHistoryComponentTests(PostgresServer postgres)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<string> RenderAsync(TenureTestServer server, string account)
    {
        await using var scope = server.Services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<HealthHistory>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(HealthHistory.AccountId)] = account,
                [nameof(HealthHistory.Tenant)] = "acme",
            }));
            return output.ToHtmlString();
        });
    }

    [Fact]
    public async Task HealthHistory_ShowsTheTrendLineAndTheBandChangeInWords()
    {
        await using var server = await TenureTestServer.StartAsync(Provider.Sqlite, postgres, new Dictionary<string, string?> { ["Tenure:HealthHistory:Enabled"] = "false" });
        await SampleData.LoadAsync(await server.ClientAsync());
        await server.Services.GetRequiredService<HealthHistoryRecorder>().RecordAsync("acme", Token);

        var html = await RenderAsync(server, "A3");

        Assert.Contains("Health, last 90 days", html, StringComparison.Ordinal);
        Assert.Contains("t-line-chart", html, StringComparison.Ordinal);
        Assert.Contains("data-value=\"69.3\"", html, StringComparison.Ordinal); // today's point
        Assert.Contains("<li data-date=\"2024-06-13\">", html, StringComparison.Ordinal);
        Assert.Matches(@">green</strong> to <strong[^>]*>yellow</strong> on 13 June 2024", html);
    }

    [Fact]
    public async Task HealthHistory_NothingRecorded_SaysSo()
    {
        await using var server = await TenureTestServer.StartAsync(Provider.Sqlite, postgres, new Dictionary<string, string?> { ["Tenure:HealthHistory:Enabled"] = "false" });
        await SampleData.LoadAsync(await server.ClientAsync());

        var html = await RenderAsync(server, "A3");

        Assert.Contains("No health history recorded for these days yet", html, StringComparison.Ordinal);
        Assert.DoesNotContain("t-line-chart", html, StringComparison.Ordinal);
    }
}
