using System.Net;
using System.Text;

using Tenure.Storage;
using Tenure.Testing;
using Tenure.Web.Errors;

namespace Tenure.Web.Tests.Mail;

/// <summary>/api/v1/reports and /api/v1/mail: admin keys only, bad schedules refused with nothing saved.</summary>
public sealed class MailApiTests(PostgresServer postgres)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Reports_AddListRemove_BadScheduleRefused_AdminOnly()
    {
        await using var server = await TenureTestServer.StartAsync(Provider.Sqlite, postgres);
        var admin = await server.ClientAsync(role: ApiKeyRole.Admin);
        var writer = await server.ClientAsync(role: ApiKeyRole.Write);

        var unknownPath = await admin.PostAsync("/api/v1/reports", Json("""{"view":"/dashboards/nope","frequency":"weekly","to":["cfo@example.com"]}"""), Token);
        var badAddress = await admin.PostAsync("/api/v1/reports", Json("""{"view":"/dashboards/saas","frequency":"weekly","to":["cfo@"]}"""), Token);
        var empty = await (await admin.Get("/api/v1/reports")).JsonAsync(HttpStatusCode.OK);
        var added = await (await admin.PostAsync("/api/v1/reports", Json("""{"view":"/dashboards/saas?segment=smb","frequency":"monthly","hour":7,"to":["cfo@example.com"]}"""), Token)).JsonAsync(HttpStatusCode.OK);
        var listed = await (await admin.Get("/api/v1/reports")).JsonAsync(HttpStatusCode.OK);
        var forbidden = await writer.Get("/api/v1/reports");
        var removed = await admin.DeleteAsync("/api/v1/reports/1", Token);
        var gone = await admin.DeleteAsync("/api/v1/reports/1", Token);

        Assert.StartsWith("view: '/dashboards/nope' is not a dashboard", (await unknownPath.ProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.InvalidInput)).GetProperty("detail").GetString());
        Assert.EndsWith("Nothing was saved.", (await badAddress.ProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.InvalidInput)).GetProperty("detail").GetString());
        Assert.Equal(0, empty.GetProperty("reports").GetArrayLength());
        Assert.Equal((1, "/dashboards/saas?segment=smb", "monthly", 7), (added.GetProperty("id").GetInt32(), added.GetProperty("view").GetString(),
            added.GetProperty("frequency").GetString(), added.GetProperty("hour").GetInt32()));
        Assert.Equal("cfo@example.com", listed.GetProperty("reports")[0].GetProperty("to")[0].GetString());
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound), (removed.StatusCode, gone.StatusCode));
    }
}
