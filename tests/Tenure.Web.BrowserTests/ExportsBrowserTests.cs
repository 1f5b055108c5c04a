using System.Globalization;

using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Tenure.Web.BrowserTests;

/// <summary>Downloads from the dashboards (docs/exports.md), clicked in the browser (a part of the one browser-test class).</summary>
public sealed partial class DashboardBrowserTests
{
    [BrowserFact]
    public async Task Manager_DownloadsTheKpiCards_AsCsv_WithTheApisNumbers()
    {
        server.RequireChromium();
        await using var context = await server.NewContextAsync();
        var page = await server.SignInAsync(context, BrowserServer.ManagerEmail);
        await page.GotoAsync("/dashboards/kpi?" + Month);

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=export-kpi-cards-csv]"));
        var lines = (await File.ReadAllTextAsync(await download.PathAsync(), Token)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("tenure-kpi-cards.csv", download.SuggestedFilename);
        Assert.Equal("metric,name,unit,period,period_start,period_end,value,previous_period,previous_value", lines[0]);
        // The file holds the engine's exact figure, as the API gives it for October 2026.
        var api = await PageChecks.ApiValuesAsync(server, ["new-mrr", "customers"], From, To);
        foreach (var id in new[] { "new-mrr", "customers" })
        {
            var cells = lines.Single(l => l.StartsWith(id + ",", StringComparison.Ordinal)).Split(',');
            Assert.Equal(["Oct 2026", From, To], cells[3..6]);
            Assert.Equal(api[(id, "all")], decimal.Parse(cells[6], NumberStyles.Number, CultureInfo.InvariantCulture));
        }
    }

    [BrowserFact]
    public async Task Csm_DownloadsTheAccountsList_AsXlsx_OnlyTheirBook()
    {
        server.RequireChromium();
        await using var context = await server.NewContextAsync();
        var page = await server.SignInAsync(context, BrowserServer.CsmEmail);
        await page.GotoAsync("/accounts?csm=*");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=export-accounts-accounts-xlsx]"));
        using var document = SpreadsheetDocument.Open(await download.PathAsync(), false);
        var workbook = document.WorkbookPart!;
        var sheet = (WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().Single().Id!);
        var rows = sheet.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.Text?.Text ?? c.CellValue?.Text ?? "").ToList()).ToList();

        Assert.Equal("tenure-accounts-accounts.xlsx", download.SuggestedFilename);
        Assert.Equal("csm", rows[0][2]);
        Assert.Equal(server.Data.Accounts.Count(a => a.Csm == server.CsmName), rows.Count - 1);
        Assert.All(rows.Skip(1), r => Assert.Equal(server.CsmName, r[2]));
    }
}
