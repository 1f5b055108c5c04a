using System.Text;

using static Tenure.Ingest.Tests.Csv;

namespace Tenure.Ingest.Tests;

/// <summary>One reader per kind, for CSV and JSON alike, with the same row errors.</summary>
public class KindReaderTests
{
    [Fact]
    public void InputKinds_EveryFlagHasExactlyOneDescription()
    {
        var flags = Enum.GetValues<InputKind>().Where(k => k != InputKind.None).ToArray();

        Assert.All(flags, flag => Assert.Single(InputKinds.All, d => d.Kind == flag));
        Assert.Equal(flags.Length, InputKinds.All.Count);
        Assert.Equal(InputKinds.All.Count, InputKinds.All.Select(d => d.FileName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void InputKinds_EveryDescriptionIsWellFormed()
    {
        Assert.All(InputKinds.All, d =>
        {
            Assert.EndsWith(".csv", d.FileName, StringComparison.Ordinal);
            Assert.Equal(d.Columns.Count, d.Columns.Select(c => c.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.All(d.Key, key => Assert.Contains(d.Columns, c => c.Name == key && c.Required));
            Assert.True(d.Columns.Count <= 64, "a reader tracks row errors in a 64-bit mask");
            Assert.Equal(d.Columns.Any(c => c.Name == "account_id") && d.Kind != InputKind.Accounts, d.NamesAccounts);
        });
    }

    [Fact]
    public void Kinds_EveryDescriptionHasExactlyOneReader()
    {
        Assert.Equal(InputKinds.All, KindReader.Kinds);
    }

    [Fact]
    public void ReadJson_MisspeltProperty_IsAnUnknownColumnWithASuggestion()
    {
        var read = KindReader.ReadJson(InputKinds.Tickets, Json("""
            [{"ticket_id": "T1", "account_id": "A1", "created_at": "2024-04-01", "resolve_at": "2024-04-02"}]
            """));

        var error = Assert.Single(read.Errors);
        Assert.Equal(("resolve_at", "unknown column 'resolve_at'; did you mean 'resolved_at'?", null, 0),
            (error.Column, error.Message, error.Record, error.Line));
    }

    [Fact]
    public void ReadJson_BadValue_NamesTheRecordIndex()
    {
        var read = KindReader.ReadJson(InputKinds.Tickets, Json("""
            [
              {"ticket_id": "T1", "account_id": "A1", "created_at": "2024-04-01"},
              {"ticket_id": "T2", "account_id": "A1", "created_at": "2024-04-01", "reopens": -1}
            ]
            """));

        var error = Assert.Single(read.Errors);
        Assert.Equal(("reopens", "'-1' must not be negative", 1), (error.Column, error.Message, error.Record));
        Assert.Equal("tickets.csv: record 1: reopens: '-1' must not be negative", error.ToString());
    }

    [Fact]
    public void ReadJson_AndReadCsv_GiveTheSameTickets()
    {
        var json = KindReader.ReadJson(InputKinds.Tickets, Json("""
            [{"ticket_id": "T1", "account_id": "A1", "created_at": "2024-04-01", "resolved_at": "2024-04-05", "reopens": 2, "escalated": true}]
            """));
        var csv = KindReader.ReadCsv(InputKinds.Tickets, Of("ticket_id,account_id,created_at,resolved_at,reopens,escalated", "T1,A1,2024-04-01,2024-04-05,2,true"));

        Assert.True(json.IsValid);
        Assert.True(csv.IsValid);
        var ticket = Assert.Single(json.Data!.Tickets);
        Assert.Equal(new Ticket("T1", "A1", Utc(2024, 4, 1), null, Utc(2024, 4, 5), Escalated: true, Reopens: 2), ticket);
        Assert.Equal(ticket, Assert.Single(csv.Data!.Tickets));
        Assert.Equal(InputKind.Tickets, json.Data.Present);
    }

    [Fact]
    public void ReadJson_MoreDistinctPropertiesThanTheColumnLimit_IsOneError()
    {
        var record = string.Join(",", Enumerable.Range(0, 1001).Select(i => $"\"p{i}\": 1"));

        var read = KindReader.ReadJson(InputKinds.Notes, Json("[{" + record + "}]"));

        var error = Assert.Single(read.Errors);
        Assert.Equal("the records name more than 1,000 different properties; at most 1,000 are allowed", error.Message);
    }

    [Fact]
    public void ReadCsv_AccountsCheckedOnlyForKindsThatNameAccounts()
    {
        var known = AccountIndex.OfIds(["A1"]);

        var tickets = KindReader.ReadCsv(InputKinds.Tickets, Of("ticket_id,account_id,created_at", "T1,B9,2024-04-01"), known);
        var costs = KindReader.ReadCsv(InputKinds.Costs, Of("date,amount,kind", "2024-04-01,10,retention"), known);

        Assert.Equal("tickets.csv:2: account_id: unknown account 'B9' (not in accounts.csv)", Assert.Single(tickets.Errors).ToString());
        Assert.True(costs.IsValid);
    }

    private static ReadOnlyMemory<byte> Json(string text) => Encoding.UTF8.GetBytes(text);
}
