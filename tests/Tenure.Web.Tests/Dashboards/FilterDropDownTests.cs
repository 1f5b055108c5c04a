using System.Net;

using Tenure.Storage;
using Tenure.Storage.Users;
using Tenure.Testing;
using Tenure.Web.Dashboards;

namespace Tenure.Web.Tests.Dashboards;

/// <summary>
/// A filter's drop-down shows the value the page applied: a choice selected, or a value no account has shown and selected
/// with "(no accounts)" (the dashboards match values as written; the accounts list in any letters); an empty chart under
/// such a filter says so.
/// </summary>
public sealed class FilterDropDownTests(PostgresServer postgres)
{
    private static readonly string[] Regions = ["APAC", "EMEA", "NA"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void Of_AChoiceAsked_SelectsItAlone()
    {
        var options = FilterDropDown.Of(Regions, "EMEA", ignoreCase: false);

        Assert.Equal([("APAC", "APAC", false), ("EMEA", "EMEA", true), ("NA", "NA", false)], options.Select(o => (o.Value, o.Text, o.Selected)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Of_NothingAsked_SelectsNone(string? asked)
    {
        var options = FilterDropDown.Of(Regions, asked, ignoreCase: true);

        Assert.Equal(Regions, options.Select(o => o.Value));
        Assert.DoesNotContain(options, o => o.Selected);
    }

    [Fact]
    public void Of_AValueNoAccountHas_IsShownFirstAndSelected()
    {
        var options = FilterDropDown.Of(Regions, "emea", ignoreCase: false);

        Assert.Equal([("emea", "emea (no accounts)", true), ("APAC", "APAC", false), ("EMEA", "EMEA", false), ("NA", "NA", false)],
            options.Select(o => (o.Value, o.Text, o.Selected)));
    }

    [Fact]
    public void Of_IgnoringCase_OtherLettersSelectTheChoice_TheOneWrittenAlikeFirst()
    {
        Assert.Equal(["EMEA"], FilterDropDown.Of(Regions, "emea", ignoreCase: true).Where(o => o.Selected).Select(o => o.Value));
        Assert.Equal(["emea"], FilterDropDown.Of(["EMEA", "emea"], "emea", ignoreCase: true).Where(o => o.Selected).Select(o => o.Value));
        Assert.Equal(["Emea"], FilterDropDown.Of(["EMEA", "emea"], "Emea", ignoreCase: false).Where(o => o.Selected).Select(o => o.Value));
    }

    [Fact]
    public async Task Pages_UnderARegion_ShowTheRegionTheyApplied()
    {
        // SampleData's regions: EMEA (A1), NA (A2, A3).
        await using var server = await TenureTestServer.StartAsync(Provider.Sqlite, postgres);
        await SampleData.LoadAsync(await server.ClientAsync("acme", ApiKeyRole.Admin));
        var manager = await GoalsTests.SignedInAsync(server, "mia@example.com", DashboardRole.Manager, null);

        var none = await Html(manager, "/dashboards/kpi?period=month&date=2024-05-01&region=emea");
        var emea = await Html(manager, "/dashboards/kpi?period=month&date=2024-05-01&region=EMEA");
        var accounts = await Html(manager, "/accounts?region=emea");

        Assert.Contains("<option value=\"emea\" selected>emea (no accounts)</option>", none);
        Assert.Contains("<option value=\"EMEA\">EMEA</option>", none);
        Assert.Contains("<option value=\"EMEA\" selected>EMEA</option>", emea);
        Assert.DoesNotContain("(no accounts)", emea);
        Assert.Contains("<option value=\"EMEA\" selected>EMEA</option>", accounts);
        Assert.DoesNotContain("(no accounts)", accounts);
        // The KPI page's MRR line and waterfall: none under a region no account has, which they say instead of asking for
        // subscriptions.csv or drawing zeros; A1's MRR draws both under EMEA.
        Assert.Contains("No MRR in these twelve months for this filter.", none);
        Assert.Contains("No MRR in May 2024 for this filter.", none);
        Assert.DoesNotContain("needs subscriptions.csv", none);
        Assert.DoesNotContain("No MRR in", emea);
    }

    private static async Task<string> Html(HttpClient client, string path)
    {
        var response = await client.Get(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Token));
    }
}
