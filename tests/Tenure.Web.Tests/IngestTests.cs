using System.Net;
using System.Text;
using System.Text.Json;

using Tenure.Testing;
using Tenure.Web.Errors;

namespace Tenure.Web.Tests;

public abstract class IngestTests(PostgresServer postgres, Provider provider)
{
    private async Task<int> StoredAccountsAsync(HttpClient client)
    {
        var list = await (await client.Get("/api/v1/accounts")).JsonAsync(HttpStatusCode.OK);
        return list.GetProperty("total").GetInt32();
    }

    [Fact]
    public async Task PostCsv_ThenSameAgain_InsertsThenAllUnchanged()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync();
        var first = await (await client.PostCsvAsync("accounts", SampleData.Accounts)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("accounts", first.GetProperty("kind").GetString());
        Assert.Equal((3, 3, 0, 0), Counts(first));

        var again = await (await client.PostCsvAsync("accounts", SampleData.Accounts)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((3, 0, 0, 3), Counts(again));

        var changed = await (await client.PostCsvAsync("accounts", "account_id,name,created_at\nA1,Umbrella Corp,2023-01-10\nA4,Hooli,2024-03-01\n")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((2, 1, 1, 0), Counts(changed));
        Assert.Equal(4, await StoredAccountsAsync(client));
    }

    [Fact]
    public async Task PostJson_SameRowsAsCsv_AreUnchanged()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync();
        await SampleData.LoadAsync(client);
        // The same subscriptions as SampleData's CSV, as JSON records: numbers, nulls and missing properties.
        var json = """
            [
              {"subscription_id":"S1","account_id":"A1","plan":"pro","start_date":"2023-01-10","end_date":"2024-01-10","amount":1000,"interval":"month","quantity":2,"discount":100,"currency":"EUR"},
              {"subscription_id":"S1","account_id":"A1","plan":"pro","start_date":"2024-01-10","end_date":null,"amount":1200,"interval":"month","quantity":2,"currency":"EUR"},
              {"subscription_id":"S2","account_id":"A2","plan":"basic","start_date":"2023-03-05","end_date":"2025-03-05","amount":"2400","interval":"year","currency":"USD"},
              {"subscription_id":"S3","account_id":"A3","plan":"pro","start_date":"2024-02-01","end_date":"2024-08-01","amount":600,"interval":"quarter","currency":"USD"}
            ]
            """;
        var result = await (await client.PostJsonAsync("subscriptions", json)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((4, 0, 0, 4), Counts(result));
    }

    [Fact]
    public async Task PostCsv_WithErrors_ListsEveryRowError_AndStoresNothing()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync();
        var csv =
            "account_id,name,created_at\n" +
            "A1,Fine,2024-01-01\n" +
            "A2,Bad date,15/01/2024\n" +
            "A3,\"Two\nlines\",\n" +
            "A1,Again,2024-01-02\n";
        var problem = await (await client.PostCsvAsync("accounts", csv)).ProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.InvalidInput);
        var errors = problem.Errors();
        Assert.Equal(3, errors.Count);
        Assert.Equal((3, (int?)null, "created_at", "'15/01/2024' is not an ISO-8601 date or date-time"), errors[0]);
        Assert.Equal((4, (int?)null, "created_at", "value is required"), errors[1]);
        Assert.Equal(6, errors[2].Line); // the quoted field spans lines 4-5
        Assert.Contains("duplicate account_id 'A1'", errors[2].Message);
        Assert.Contains("nothing was stored", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await StoredAccountsAsync(client));
    }

    [Fact]
    public async Task PostCsv_MisspeltRequiredColumn_IsAnUnknownAndAMissingColumn()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync();
        var problem = await (await client.PostCsvAsync("accounts", "account_id,name,createdat\nA1,x,2024-01-01\n"))
            .ProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.InvalidInput);
        Assert.Equal(
            [
                (1, (int?)null, "createdat", "unknown column 'createdat'; did you mean 'created_at'?"),
                (1, (int?)null, "created_at", "required column is missing"),
            ],
            problem.Errors());
    }

    [Fact]
    public async Task PostJson_MisspeltProperty_IsAnUnknownColumnWithASuggestion_AndStoresNothing()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync();
        await SampleData.LoadAsync(client);
        var json = """[{"ticket_id":"T9","account_id":"A1","created_at":"2024-04-01","resolve_at":"2024-04-02"}]""";

        var problem = await (await client.PostJsonAsync("tickets", json)).ProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.InvalidInput);

        Assert.Equal(((int?)null, (int?)null, "resolve_at", "unknown column 'resolve_at'; did you mean 'resolved_at'?"), Assert.Single(problem.Errors()));
    }

    [Fact]
    public async Task PostJson_Reopens_AreStoredAndCompared()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync();
        await SampleData.LoadAsync(client);
        static string Ticket(int reopens) => $$"""[{"ticket_id":"T9","account_id":"A1","created_at":"2024-04-01","resolved_at":"2024-04-05","reopens":{{reopens}}}]""";

        var first = await (await client.PostJsonAsync("tickets", Ticket(1))).JsonAsync(HttpStatusCode.OK);
        var same = await (await client.PostJsonAsync("tickets", Ticket(1))).JsonAsync(HttpStatusCode.OK);
        var reopenedAgain = await (await client.PostJsonAsync("tickets", Ticket(2))).JsonAsync(HttpStatusCode.OK);

        // Only the reopen count differs the third time, so the stored row must hold it to see a change.
        Assert.Equal((1, 1, 0, 0), Counts(first));
        Assert.Equal((1, 0, 0, 1), Counts(same));
        Assert.Equal((1, 0, 1, 0), Counts(reopenedAgain));
    }

    [Fact]
    public async Task PostJson_WithErrors_NamesArrayIndexes_AcrossMultiLineValues()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync();
        await SampleData.LoadAsync(client);
        var json = """
            [
              {"note_id":"N1","account_id":"A1","date":"2024-04-05","source":"interview","text":"Loves the \"health\" view.\nWants exports.\nAnd more."},
              {"note_id":"N2","account_id":"ZZ","date":"2024-04-06"},
              {"note_id":"N3","date":"2024-13-01","text":"line\r\nbreak"},
              {"note_id":"N4","account_id":"A2","date":"2024-04-07"}
            ]
            """;
        var problem = await (await client.PostJsonAsync("notes", json)).ProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.InvalidInput);
        var errors = problem.Errors();
        Assert.Equal(2, errors.Count);
        Assert.Equal(((int?)null, (int?)1, "account_id"), (errors[0].Line, errors[0].Index, errors[0].Column));
        Assert.Contains("unknown account 'ZZ'", errors[0].Message);
        Assert.Equal(((int?)null, (int?)2, "date"), (errors[1].Line, errors[1].Index, errors[1].Column));

        // Nothing was stored: N4 alone is new afterwards.
        var ok = await (await client.PostJsonAsync("notes", """[{"note_id":"N4","account_id":"A2","date":"2024-04-07"}]""")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((1, 1, 0, 0), Counts(ok));
    }

    [Theory]
    [InlineData("[]", "the array holds no records")]
    [InlineData("{\"account_id\":\"A1\"}", "must be a JSON array")]
    [InlineData("\"A1\"", "must be a JSON array")]
    [InlineData("[{\"account_id\":\"A1\"", "not valid JSON")]
    public async Task PostJson_NotAnArrayOfRecords_Is400(string json, string message)
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync();
        var problem = await (await client.PostJsonAsync("accounts", json)).ProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.InvalidInput);
        var error = Assert.Single(problem.Errors());
        Assert.Contains(message, error.Message);
        Assert.Null(error.Index);
        Assert.Equal(0, await StoredAccountsAsync(client));
    }

    [Fact]
    public async Task PostJson_NestedValuesAndNonObjects_AreRecordErrors()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync();
        var json = """[{"account_id":"A1","created_at":"2024-01-01"}, 42, {"account_id":"A3","created_at":"2024-01-01","name":{"first":"x"}}]""";
        var errors = (await (await client.PostJsonAsync("accounts", json)).ProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.InvalidInput)).Errors();
        Assert.Equal(2, errors.Count);
        Assert.Equal(((int?)1, (string?)null), (errors[0].Index, errors[0].Column));
        Assert.Contains("not a number", errors[0].Message);
        Assert.Equal(((int?)2, "name"), (errors[1].Index, errors[1].Column));
        Assert.Equal(0, await StoredAccountsAsync(client));
    }

    [Fact]
    public async Task InvalidUtf8_IsRejected_InCsvAndJson()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync();
        var csv = Encoding.UTF8.GetBytes("account_id,name,created_at\nA1,Caf").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes(",2024-01-01\n")).ToArray();
        var csvProblem = await (await client.PostBytesAsync("accounts", csv, "text/csv")).ProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.InvalidInput);
        var csvError = Assert.Single(csvProblem.Errors());
        Assert.Equal(((int?)null, "the file is not valid UTF-8 text"), (csvError.Line, csvError.Message));

        var json = Encoding.UTF8.GetBytes("[{\"account_id\":\"A1\",\"name\":\"Caf").Concat(new byte[] { 0xFF }).Concat(Encoding.UTF8.GetBytes("\",\"created_at\":\"2024-01-01\"}]")).ToArray();
        var jsonProblem = await (await client.PostBytesAsync("accounts", json, "application/json")).ProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.InvalidInput);
        Assert.Equal("the body is not valid UTF-8 text", Assert.Single(jsonProblem.Errors()).Message);
        Assert.Equal(0, await StoredAccountsAsync(client));

        // A byte order mark is fine.
        var withBom = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("[{\"account_id\":\"A1\",\"name\":\"Café\",\"created_at\":\"2024-01-01\"}]")).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await client.PostBytesAsync("accounts", withBom, "application/json")).StatusCode);
        var stored = await (await client.Get("/api/v1/accounts/A1")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Café", stored.GetProperty("name").GetString());
    }

    [Fact]
    public async Task OtherMediaTypes_Are415()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync();
        var response = await client.PostBytesAsync("accounts", Encoding.UTF8.GetBytes(SampleData.Accounts), "text/plain");
        await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType, ProblemTypes.UnsupportedMediaType);
        var latin1 = await client.PostBytesAsync("accounts", Encoding.UTF8.GetBytes(SampleData.Accounts), "text/csv; charset=iso-8859-1");
        await latin1.ProblemAsync(HttpStatusCode.UnsupportedMediaType, ProblemTypes.UnsupportedMediaType);
    }

    [Fact]
    public async Task ScriptInAComment_IsStoredAndReturnedVerbatim()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync();
        await SampleData.LoadAsync(client);
        var response = await client.Get("/api/v1/accounts/A3?asOf=2024-06-15");
        // Data, not markup: JSON that browsers must not sniff as HTML, holding the same characters as sent.
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        var account = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        var answer = Assert.Single(account.GetProperty("surveys").EnumerateArray());
        Assert.Equal(SampleData.ScriptComment, answer.GetProperty("comment").GetString());
    }

    [Fact]
    public async Task Usage_IsRolledUpAndAdditive()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync();
        await SampleData.LoadAsync(client);
        var first = await (await client.PostCsvAsync("usage", SampleData.Usage)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(6, first.GetProperty("events").GetInt64());
        Assert.Equal(5, first.GetProperty("rollups").GetInt32());

        var a1 = await (await client.Get("/api/v1/accounts/A1?asOf=2024-06-15&months=3")).JsonAsync(HttpStatusCode.OK);
        AssertUsage(a1, last30Events: 4, last30Users: 2, april: (1, 1), may: (1, 0));

        // The same events again, as JSON: added, not replaced.
        var json = """
            [{"account_id":"A1","user_id":"U1","timestamp":"2024-06-01T08:00:00Z","event":"login"},
             {"account_id":"A1","user_id":"U1","timestamp":"2024-06-01T09:00:00Z","event":"login"},
             {"account_id":"A1","user_id":"U2","timestamp":"2024-06-02T00:30:00+02:00","event":"login"},
             {"account_id":"A1","user_id":null,"timestamp":"2024-05-20","event":"api_call"},
             {"account_id":"A1","user_id":"U1","timestamp":"2024-04-10","event":"login"},
             {"account_id":"A2","user_id":"U3","timestamp":"2024-06-03","event":"login"}]
            """;
        var second = await (await client.PostJsonAsync("usage", json)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(6, second.GetProperty("events").GetInt64());
        a1 = await (await client.Get("/api/v1/accounts/A1?asOf=2024-06-15&months=3")).JsonAsync(HttpStatusCode.OK);
        AssertUsage(a1, last30Events: 8, last30Users: 2, april: (2, 1), may: (2, 0));
    }

    [Fact]
    public async Task Usage_WithAnUnknownAccount_StoresNoEvent()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres);
        var client = await server.ClientAsync();
        await SampleData.LoadAsync(client);
        var csv = "account_id,user_id,timestamp\nA1,U1,2024-06-01\nNOPE,U1,2024-06-01\nA1,U1,yesterday\n";
        var errors = (await (await client.PostCsvAsync("usage", csv)).ProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.InvalidInput)).Errors();
        Assert.Equal([(3, "account_id"), (4, "timestamp")], errors.Select(e => (e.Line ?? 0, e.Column ?? "")).ToList());
        var a1 = await (await client.Get("/api/v1/accounts/A1?asOf=2024-06-15&months=3")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, a1.GetProperty("usage").GetProperty("last30Days").GetProperty("events").GetInt64());
    }

    [Fact]
    public async Task BodyOverTheLimit_Is413()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres, new Dictionary<string, string?> { ["Tenure:Api:MaxRequestBytes"] = "1024" });
        var client = await server.ClientAsync();
        var big = "account_id,name,created_at\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"A{i},Account number {i},2024-01-01\n"));
        Assert.True(Encoding.UTF8.GetByteCount(big) > 1024);
        var problem = await (await client.PostCsvAsync("accounts", big)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge, ProblemTypes.PayloadTooLarge);
        Assert.Contains("1024 bytes", problem.GetProperty("detail").GetString());

        // Without a Content-Length (chunked), the limit is counted while reading.
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/accounts") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        await (await client.SendAsync(request, TestContext.Current.CancellationToken)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge, ProblemTypes.PayloadTooLarge);
        Assert.Equal(0, await StoredAccountsAsync(client));

        // A body within the limit still goes through.
        Assert.Equal(HttpStatusCode.OK, (await client.PostCsvAsync("accounts", SampleData.Accounts)).StatusCode);
    }

    [Fact]
    public async Task WritesOverTheRate_Are429WithRetryAfter_PerKey()
    {
        await using var server = await TenureTestServer.StartAsync(provider, postgres, new Dictionary<string, string?> { ["Tenure:Api:WriteRequestsPerSecond"] = "2" });
        var client = await server.ClientAsync();
        var other = await server.ClientAsync();
        // The bucket holds 2 and refills 2 a second, so however slowly the machine sends them, n requests over t seconds
        // get at most 2 + 2 x ceil(t) through (415s: the bucket is spent before the endpoint runs), and 40 requests
        // sent one after the other within 19 s must meet an empty bucket at least once.
        Assert.Equal(HttpStatusCode.OK, (await client.Get("/api/v1/accounts")).StatusCode); // warm: the first request compiles
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 40; i++)
        {
            var response = await client.PostBytesAsync("accounts", [], "text/plain");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                limited ??= response;
        }
        var seconds = Math.Ceiling(clock.Elapsed.TotalSeconds);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.UnsupportedMediaType or HttpStatusCode.TooManyRequests, s.ToString()));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, statuses[0]);
        Assert.True(statuses.Count(s => s == HttpStatusCode.UnsupportedMediaType) <= 2 + (2 * seconds), $"{string.Join(",", statuses.Select(s => (int)s))} in {seconds} s");
        Assert.True(limited is not null || seconds >= 19, "40 writes within 19 s never met the empty bucket");
        if (limited is not null)
        {
            await limited.ProblemAsync(HttpStatusCode.TooManyRequests, ProblemTypes.TooManyRequests);
            Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        }

        // Reads are not limited, and another key has its own bucket.
        Assert.Equal(HttpStatusCode.OK, (await client.Get("/api/v1/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await other.PostBytesAsync("accounts", [], "text/plain")).StatusCode);
    }

    private static (long Rows, long Inserted, long Updated, long Unchanged) Counts(JsonElement result) => (
        result.GetProperty("rows").GetInt64(), result.GetProperty("inserted").GetInt64(),
        result.GetProperty("updated").GetInt64(), result.GetProperty("unchanged").GetInt64());

    private static void AssertUsage(JsonElement account, long last30Events, int last30Users, (long Events, int Users) april, (long Events, int Users) may)
    {
        var usage = account.GetProperty("usage");
        Assert.Equal(last30Events, usage.GetProperty("last30Days").GetProperty("events").GetInt64());
        Assert.Equal(last30Users, usage.GetProperty("last30Days").GetProperty("activeUsers").GetInt32());
        var months = usage.GetProperty("months").EnumerateArray().ToDictionary(m => m.GetProperty("month").GetString()!, m => (m.GetProperty("events").GetInt64(), m.GetProperty("activeUsers").GetInt32()));
        Assert.Equal(["2024-03", "2024-04", "2024-05"], months.Keys);
        Assert.Equal((0L, 0), months["2024-03"]);
        Assert.Equal(april, months["2024-04"]);
        Assert.Equal(may, months["2024-05"]);
    }
}

public sealed class IngestTestsOnSqlite(PostgresServer postgres) : IngestTests(postgres, Provider.Sqlite);

public sealed class IngestTestsOnPostgres(PostgresServer postgres) : IngestTests(postgres, Provider.PostgreSql);
