using Tenure.Ingest.Importers;

using static Tenure.Ingest.Tests.Importers.ImportSamples;

namespace Tenure.Ingest.Tests.Importers;

/// <summary>
/// tests/data/importers/intercom, by hand, for June 2025:
///   first-response-time: 15, 105 and 30 min: (15 + 105 + 30) / 3 = 50 min = 50 / 60 h = 0.8333 h
///   resolution-time: c-1 09:00 -> 11:00 = 2 h, c-2 = 24 h: (2 + 24) / 2 = 13 h
///   csat: ratings 5 (positive) and 2 on 1-5: 1 of 2 = 50 %; reopen-rate: c-2 of 2 resolved = 50 %
/// contacts.csv: two users (the lead is no account's user).
/// </summary>
public class IntercomImportTests
{
    [Fact]
    public void Read_SampleExports_GivesHandComputedJuneFigures()
    {
        var data = Read(ExportSystem.Intercom, StoredAccounts, SampleDirectory("intercom"));

        var figures = JuneFigures(data, "tickets", "first-response-time", "resolution-time", "csat", "reopen-rate");

        Assert.Equal(3m, figures["tickets"]);
        Assert.Equal(0.8333m, Math.Round(figures["first-response-time"]!.Value, 4));
        Assert.Equal(13m, figures["resolution-time"]);
        Assert.Equal(50m, figures["csat"]);
        Assert.Equal(50m, figures["reopen-rate"]);
    }

    [Fact]
    public void Read_SampleExports_MapsEachColumn()
    {
        var data = Read(ExportSystem.Intercom, StoredAccounts, SampleDirectory("intercom"));

        Assert.Equal(["66a0000000000000000000a2", "u-1"], data.Users.Select(u => u.UserId).Order(StringComparer.Ordinal));
        var bo = Assert.Single(data.Users, u => u.UserId == "66a0000000000000000000a2");
        Assert.Equal(("cus_B", new DateTime(2025, 2, 10, 8, 0, 0, DateTimeKind.Utc)), (bo.AccountId, bo.CreatedAt)); // First seen
        var open = Assert.Single(data.Tickets, t => t.TicketId == "c-3");
        Assert.Equal(("cus_A", "Sue", "open", (DateTime?)null), (open.AccountId, open.Agent!, open.Status!, open.ResolvedAt));
        var slow = Assert.Single(data.Surveys, s => s.TicketId == "c-2");
        Assert.Equal(("intercom-rating-c-2", 2, "Too slow"), (slow.ResponseId, slow.Score, slow.Comment!));
    }

    [Fact]
    public void Read_StateTenureCannotPlace_NamesFileLineAndColumn()
    {
        using var copy = CopyWith("intercom", "conversations.csv", text => text.Replace(",open,chat,", ",pending,chat,", StringComparison.Ordinal));

        var error = Assert.Single(Errors(ExportSystem.Intercom, StoredAccounts, copy.Path));

        Assert.Equal(("conversations.csv", 4, "State"), (error.File, error.Line, error.Column));
        Assert.Contains("is not an Intercom conversation state Tenure can place", error.Message, StringComparison.Ordinal);
    }
}
