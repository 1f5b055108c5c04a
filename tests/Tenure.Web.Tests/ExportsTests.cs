using System.Net;

using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

using Tenure.Storage;
using Tenure.Storage.Users;
using Tenure.Testing;
using Tenure.Web.Exports;

namespace Tenure.Web.Tests;

/// <summary>
/// Exports (issue #12 item 7): CSV escaping and formula defusing, the .xlsx read back with the Open XML SDK holding the
/// card's numbers, and the user's scope honoured. <see cref="SampleData"/>: A1 Umbrella (ann) MRR 2400, A2 Globex (bo)
/// 200, A3 Acme (ann) 200.
/// </summary>
public sealed class ExportsTests(PostgresServer postgres)
{
    private const string Tenant = "acme";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void Csv_QuotesCommasAndQuotes_DefusesFormulas_KeepsNegativeNumbers()
    {
        var table = new ExportTable("t", "T", ["name", "value"],
        [
            ["Acme, Inc.", 1.5m],
            ["say \"hi\"", -2m],
            ["=HYPERLINK(\"http://evil\")", default],
            ["+1", 0m],
            ["-1", 1000000m],
            ["@SUM(A1)", 0.000000001m],
        ]);

        var csv = System.Text.Encoding.UTF8.GetString(ExportCsv.Bytes(table));

        Assert.Equal(
            "name,value\r\n" +
            "\"Acme, Inc.\",1.5\r\n" +
            "\"say \"\"hi\"\"\",-2\r\n" +
            "\"'=HYPERLINK(\"\"http://evil\"\")\",\r\n" +
            "'+1,0\r\n" +
            "'-1,1000000\r\n" +
            "'@SUM(A1),0.000000001\r\n", csv);
    }

    [Fact]
    public void Xlsx_ReadBack_HoldsTheNumbersAndTextAsWritten()
    {
        var bytes = ExportXlsx.Bytes([new ExportTable("t", "Per CSM: May/June", ["csm", "mrr"], [["=cmd", 2600m], ["bo", default]])]);

        var sheet = Read(bytes).Single();
        Assert.Equal("Per CSM- May-June", sheet.Name); // ':' and '/' are not allowed in a sheet name
        Assert.Equal(["csm", "mrr"], sheet.Rows[0]);
        Assert.Equal(["=cmd", "2600"], sheet.Rows[1]); // text stays text (an inline string, never a formula)
        Assert.Equal(["bo", ""], sheet.Rows[2]);
    }

    [Fact]
    public async Task SaasWorkbook_HoldsTheCardsNumbers()
    {
        await using var server = await TenureTestServer.StartAsync(Provider.Sqlite, postgres);
        await SampleData.LoadAsync(await server.ClientAsync(Tenant));
        var manager = await GoalsTests.SignedInAsync(server, "mia@example.com", DashboardRole.Manager, null);

        var page = await (await manager.Get("/dashboards/saas?period=month&date=2024-05-01")).Content.ReadAsStringAsync(Token);
        var response = await manager.Get("/exports/saas/all.xlsx?period=month&date=2024-05-01");
        var card = await manager.Get("/exports/saas/card-mrr.csv?period=month&date=2024-05-01");

        Assert.Contains("href=\"/exports/saas/card-mrr.csv?period=month&amp;date=2024-05-01\"", page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("tenure-saas-all.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var sheets = Read(await response.Content.ReadAsByteArrayAsync(Token));
        var cards = sheets.Single(s => s.Name == "Cards");
        var mrr = cards.Rows.Single(r => r[0] == "mrr");
        // May 2024: A1 2 x 1200 + A2 2400 / 12 + A3 600 / 3 = 2800; April the same (A3 started 2024-02-01).
        Assert.Equal(["mrr", "Monthly recurring revenue", "money", "May 2024", "2024-05-01", "2024-06-01", "2800", "Apr 2024", "2800"], mrr);
        var customers = cards.Rows.Single(r => r[0] == "churned-customers");
        Assert.Equal("0", customers[6]); // nobody stops paying in May 2024
        Assert.Equal(
            "metric,unit,period,period_start,period_end,value\r\nmrr,money,May 2024,2024-05-01,2024-06-01,2800\r\nmrr,money,Apr 2024,2024-04-01,2024-05-01,2800\r\n",
            await card.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task Accounts_HonourTheUsersScopeAndFilters()
    {
        await using var server = await TenureTestServer.StartAsync(Provider.Sqlite, postgres);
        await SampleData.LoadAsync(await server.ClientAsync(Tenant));
        var manager = await GoalsTests.SignedInAsync(server, "mia@example.com", DashboardRole.Manager, null);
        var ann = await GoalsTests.SignedInAsync(server, "ann@example.com", DashboardRole.Csm, "ann");

        static async Task<List<string>> IdsAsync(HttpClient client, string query)
        {
            var response = await client.Get("/exports/accounts/accounts.csv?" + query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var lines = (await response.Content.ReadAsStringAsync(Token)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("account_id,name,csm,plan,segment,industry,region,mrr,", lines[0]);
            return [.. lines.Skip(1).Select(l => l.Split(',')[0])];
        }

        // Sorted by name as on the page: Acme (A3), Globex (A2), Umbrella (A1).
        Assert.Equal(["A3", "A2", "A1"], await IdsAsync(manager, "csm=*"));
        Assert.Equal(["A3", "A2"], await IdsAsync(manager, "csm=*&segment=smb"));
        // ann (a CSM, own book on by default): her accounts only, whatever csm the link asks for.
        Assert.Equal(["A3", "A1"], await IdsAsync(ann, "csm=*"));
        Assert.Equal(["A3", "A1"], await IdsAsync(ann, "csm=bo"));
        var xlsx = Read(await (await ann.Get("/exports/accounts/accounts.xlsx?csm=*")).Content.ReadAsByteArrayAsync(Token)).Single();
        Assert.Equal(["A3", "A1"], xlsx.Rows.Skip(1).Select(r => r[0]));
        Assert.Equal("2400", xlsx.Rows[2][7]); // A1's MRR: 2 x 1200
        // Her dashboards' per-CSM table is her book too.
        var perCsm = await (await ann.Get("/exports/cs-manager/per-csm.csv?period=month&date=2024-05-01")).Content.ReadAsStringAsync(Token);
        Assert.Equal(["csm", "ann"], perCsm.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public async Task BadRequests_AreRefusedWithAReason()
    {
        await using var server = await TenureTestServer.StartAsync(Provider.Sqlite, postgres);
        var manager = await GoalsTests.SignedInAsync(server, "mia@example.com", DashboardRole.Manager, null);
        var anonymous = server.BrowserLikeClient();

        Assert.Equal(HttpStatusCode.NotFound, (await manager.Get("/exports/kpi/nope.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.Get("/exports/kpi/cards.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.Get("/exports/alerts/cards.csv")).StatusCode);
        var repeated = await manager.Get("/exports/kpi/cards.csv?period=month&period=year");
        Assert.Equal(HttpStatusCode.BadRequest, repeated.StatusCode);
        Assert.Contains("'period' is given 2 times", await repeated.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.Get("/exports/kpi/cards.csv?date=1800-01-01")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.Get("/exports/kpi/cards.csv")).StatusCode); // sign-in first
    }

    private sealed record SheetText(string Name, List<List<string>> Rows);

    /// <summary>The workbook's sheets as text, every cell as the SDK reads it (numbers as their stored text, inline strings as their text).</summary>
    private static List<SheetText> Read(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        return [.. workbook.Workbook.Sheets!.Elements<Sheet>().Select(sheet =>
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            var rows = part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>()
                .Select(r => r.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.Text!.Text : c.CellValue?.Text ?? "").ToList())
                .ToList();
            return new SheetText(sheet.Name!, rows);
        })];
    }
}
