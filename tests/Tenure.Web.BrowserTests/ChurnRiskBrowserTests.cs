using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tenure.Web.BrowserTests;

/// <summary>Churn risk on screen: the account page's probability and drivers equal the API's, and the accounts list has the column.</summary>
[Collection(BrowserServer.Collection)]
public sealed partial class ChurnRiskBrowserTests(BrowserServer server)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [GeneratedRegex(@"(\d+\.\d) %")]
    private static partial Regex PercentText();

    [BrowserFact]
    public async Task AccountPage_ShowsTheApisProbabilityAndDrivers_AndTheListHasTheColumn()
    {
        server.RequireChromium();
        // The API waits for the training; the pages only show what is computed.
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.ApiKey);
        using var answer = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/v1/churn-risk", UriKind.Relative), Token));
        var root = answer.RootElement;
        Assert.True(root.GetProperty("scored").GetBoolean(), root.GetProperty("too_short").GetString());
        var top = root.GetProperty("accounts")[0];
        var id = top.GetProperty("account_id").GetString()!;

        await using var context = await server.NewContextAsync();
        var page = await server.SignInAsync(context, BrowserServer.AdminEmail);
        await page.GotoAsync("/accounts/" + Uri.EscapeDataString(id));
        var panel = page.Locator("[data-testid=churn-risk]");
        var shown = PercentText().Match(await panel.Locator("[data-testid=churn-risk-probability]").InnerTextAsync());
        Assert.True(shown.Success);
        Assert.Equal(top.GetProperty("probability").GetDouble() * 100, double.Parse(shown.Groups[1].Value, CultureInfo.InvariantCulture), 1);
        var drivers = await panel.Locator("[data-testid=churn-risk-drivers] li").AllInnerTextsAsync();
        Assert.Equal(3, drivers.Count);
        var expected = top.GetProperty("drivers").EnumerateArray().ToList();
        for (var i = 0; i < 3; i++)
        {
            Assert.Contains(expected[i].GetProperty("text").GetString()!, drivers[i], StringComparison.Ordinal);
            Assert.Contains($"({expected[i].GetProperty("direction").GetString()} the risk)", drivers[i], StringComparison.Ordinal);
        }

        await page.GotoAsync("/accounts");
        Assert.Contains("Churn risk", await page.Locator("table thead").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Matches(PercentText(), await page.Locator("table tbody").InnerTextAsync());
    }
}
