using System.Text;

using static Tenure.Ingest.Tests.Csv;

namespace Tenure.Ingest.Tests;

public class DataSetReaderTests
{
    private static readonly string CompleteDirectory = Path.Combine(AppContext.BaseDirectory, "data", "complete");

    private static TenureDataSet AssertValid(ReadResult result)
    {
        Assert.Equal([], Printed(result.Errors));
        Assert.True(result.IsValid);
        Assert.NotNull(result.DataSet);
        return result.DataSet;
    }

    private static void AssertErrors(ReadResult result, params string[] expected)
    {
        Assert.False(result.IsValid);
        Assert.Null(result.DataSet);
        Assert.Equal(expected, Printed(result.Errors));
    }

    [Fact]
    public void ReadDirectory_AllFourteenKinds_ReadsEveryRecord()
    {
        var data = AssertValid(DataSetReader.ReadDirectory(CompleteDirectory));

        var all = InputKind.None;
        foreach (var (kind, _) in InputKinds.All)
            all |= kind;
        Assert.Equal(all, data.Present);
        Assert.Equal(
        [
            new Account("A1", "Acme, Inc.", Utc(2023, 1, 10), "enterprise", "retail", "pro", "ann", "EMEA", 1500.00m, "EUR"),
            new Account("A2", "Globex", Utc(2023, 3, 5, 9, 30), "smb", "software", "basic", "bo", "NA", null, "USD"),
            new Account("A3", "Initech", Utc(2023, 6, 1), "smb", "finance", "basic", "ann", "NA", 300m, "USD"),
        ], data.Accounts);
        Assert.Equal(
        [
            new SubscriptionPeriod("S1", "A1", "pro", Utc(2023, 1, 10), Utc(2024, 1, 10), 1000m, BillingInterval.Month, 2m, 100m, "EUR"),
            new SubscriptionPeriod("S1", "A1", "pro", Utc(2024, 1, 10), null, 1200m, BillingInterval.Month, 2m, 0m, "EUR"),
            new SubscriptionPeriod("S2", "A2", "basic", Utc(2023, 3, 5), Utc(2024, 3, 5), 2400m, BillingInterval.Term, 1m, 0m, "USD"),
            new SubscriptionPeriod("S3", "A3", "basic", Utc(2023, 6, 1), null, 50m, BillingInterval.Week, 1m, 0m, "USD"),
        ], data.Subscriptions);
        Assert.Equal(
        [
            new Invoice("I1", "A1", Utc(2023, 2, 10), 1900m, InvoiceKind.Recurring),
            new Invoice("I2", "A1", Utc(2023, 5, 1), 250m, InvoiceKind.OneOff, "add_on"),
            new Invoice("I3", "A2", Utc(2023, 4, 1), 100m, InvoiceKind.Refund),
        ], data.Invoices);
        Assert.Equal(
        [
            new User("U1", "A1", Utc(2023, 1, 11)),
            new User("U2", "A1", Utc(2023, 1, 12), Utc(2023, 9, 30, 15)),
            new User("U3", "A2", Utc(2023, 3, 6)),
        ], data.Users);
        Assert.Equal(
        [
            new UsageDay("A1", "U1", Utc(2024, 5, 1), 2),
            new UsageDay("A1", "U2", Utc(2024, 5, 1), 1),
            new UsageDay("A2", "U3", Utc(2024, 5, 1), 1),
            new UsageDay("A2", null, Utc(2024, 5, 1), 1),
        ], data.Usage);
        Assert.Equal(
        [
            new SurveyResponse("R1", "nps", "A1", "U1", 9, Scale.ZeroToTen, "Fast, reliable", Utc(2024, 4, 1, 10)),
            new SurveyResponse("R2", "csat", "A1", "U2", 4, Scale.OneToFive, null, Utc(2024, 4, 2, 11), "T1"),
            new SurveyResponse("R3", "ces", "A2", "U3", 6, Scale.OneToSeven, null, Utc(2024, 4, 3)),
            new SurveyResponse("R4", "onboarding", "A3", null, 8, Scale.OneToTen, null, Utc(2024, 4, 4)),
        ], data.Surveys);
        Assert.Equal(
        [
            new Ticket("T1", "A1", Utc(2024, 3, 30, 9), Utc(2024, 3, 30, 9, 20), Utc(2024, 3, 31, 12), 1, false, "dee", "email", "solved", false, null, false, 35m),
            new Ticket("T2", "A2", Utc(2024, 4, 1, 14), null, null, null, true, "eve", "chat", "open", true, "T1", true, null),
        ], data.Tickets);
        Assert.Equal(
        [
            new CostEntry(Utc(2024, 1, 31), 12000m, CostKind.Retention, "payroll"),
            new CostEntry(Utc(2024, 1, 31), 3000.50m, CostKind.Acquisition, "marketing"),
        ], data.Costs);
        Assert.Equal(
        [
            new Offer("O1", "A1", "upsell", Utc(2024, 2, 1), Utc(2024, 2, 15)),
            new Offer("O2", "A2", "cross_sell", Utc(2024, 2, 3)),
        ], data.Offers);
        Assert.Equal([new Referral("F1", "A1", Utc(2024, 3, 3))], data.Referrals);
        Assert.Equal(
        [
            new Milestone("A1", "onboarded", Utc(2023, 1, 25)),
            new Milestone("A1", "first_value", Utc(2023, 2, 1)),
            new Milestone("A2", "onboarded", Utc(2023, 3, 20)),
        ], data.Milestones);
        Assert.Equal(
        [
            new ProgramMembership("A1", "advocates", Utc(2023, 6, 1), Utc(2023, 12, 1)),
            new ProgramMembership("A1", "advocates", Utc(2024, 2, 1)),
        ], data.Programs);
        Assert.Equal(
        [
            new CsTask("K1", "ann", "A1", "qbr", Utc(2024, 4, 1), Utc(2024, 4, 15), Utc(2024, 4, 14, 16)),
            new CsTask("K2", "bo", null, "admin", Utc(2024, 4, 2)),
        ], data.Tasks);
        Assert.Equal(
        [
            new Note("N1", "A1", Utc(2024, 4, 5), "interview", "Loves the \"health\" view.\nWants exports."),
            new Note("N2", null, Utc(2024, 4, 6), "review", null),
        ], data.Notes);
    }

    [Fact]
    public void ReadDirectory_AllFourteenKinds_ShareAccountIdStringsAcrossFiles()
    {
        var data = AssertValid(DataSetReader.ReadDirectory(CompleteDirectory));

        Assert.Same(data.Accounts[0].AccountId, data.Subscriptions[0].AccountId);
        Assert.Same(data.Accounts[0].AccountId, data.Usage[0].AccountId);
        Assert.Same(data.Accounts[1].AccountId, data.Tickets[1].AccountId);
    }

    [Fact]
    public void ReadFiles_EveryFileOfTheDirectory_GivesTheSameDataAsReadDirectory()
    {
        var paths = Directory.GetFiles(CompleteDirectory, "*.csv");

        var fromFiles = AssertValid(DataSetReader.ReadFiles(paths));
        var fromDirectory = AssertValid(DataSetReader.ReadDirectory(CompleteDirectory));

        Assert.Equal(fromDirectory.Present, fromFiles.Present);
        Assert.Equal(fromDirectory.Tickets, fromFiles.Tickets);
        Assert.Equal(fromDirectory.Usage, fromFiles.Usage);
    }

    [Fact]
    public void ReadDirectory_SomeKinds_MarksOnlyThosePresentAndIgnoresOtherFiles()
    {
        using var dir = new TempDirectory();
        dir.Write("accounts.csv", "account_id,created_at", "A1,2024-01-01");
        dir.Write("tickets.csv", "ticket_id,account_id,created_at");
        dir.Write("readme.csv", "anything,at,all", "1,2,3");
        dir.Write("usage.txt", "not,csv");

        var data = AssertValid(DataSetReader.ReadDirectory(dir.Path));

        Assert.Equal(InputKind.Accounts | InputKind.Tickets, data.Present);
        Assert.True(data.Has(InputKind.Tickets));
        Assert.Empty(data.Tickets);
        Assert.False(data.Has(InputKind.Usage));
        Assert.Single(data.Accounts);
    }

    [Fact]
    public void ReadDirectory_KnownAccountsWithoutAccountsFile_ChecksAgainstThem()
    {
        using var dir = new TempDirectory();
        dir.Write("tickets.csv", "ticket_id,account_id,created_at", "T1,A1,2024-01-02", "T2,A9,2024-01-03");

        var result = DataSetReader.ReadDirectory(dir.Path, new ReadOptions { KnownAccounts = AccountIndex.OfIds(["A1", "A2"]).From("the stored accounts") });

        AssertErrors(result, "tickets.csv:3: account_id: unknown account 'A9' (not in the stored accounts)");
    }

    [Fact]
    public void ReadDirectory_KnownAccountsBesideAccountsFile_AcceptsEither()
    {
        using var dir = new TempDirectory();
        dir.Write("accounts.csv", "account_id,created_at", "A3,2024-01-01");
        dir.Write("tickets.csv", "ticket_id,account_id,created_at", "T1,A1,2024-01-02", "T2,A3,2024-01-03", "T3,A4,2024-01-03");

        var result = DataSetReader.ReadDirectory(dir.Path, new ReadOptions { KnownAccounts = AccountIndex.OfIds(["A1"]).From("the stored accounts") });

        // A1 is stored, A3 is in the file, A4 is in neither.
        AssertErrors(result, "tickets.csv:4: account_id: unknown account 'A4' (not in accounts.csv or the stored accounts)");
    }

    [Fact]
    public void ReadDirectory_FileNameInOtherCase_IsRecognised()
    {
        using var dir = new TempDirectory();
        dir.Write("Accounts.CSV", "account_id,created_at", "A1,2024-01-01");

        var data = AssertValid(DataSetReader.ReadDirectory(dir.Path));

        Assert.Equal(InputKind.Accounts, data.Present);
    }

    [Fact]
    public void ReadDirectory_NoInputFiles_IsAnEmptyDataSetWithNothingPresent()
    {
        using var dir = new TempDirectory();

        var data = AssertValid(DataSetReader.ReadDirectory(dir.Path));

        Assert.Equal(InputKind.None, data.Present);
    }

    [Fact]
    public void ReadDirectory_MissingDirectory_IsAnError()
    {
        string path = Path.Combine(Path.GetTempPath(), "tenure-ingest-missing-" + Guid.NewGuid().ToString("N"));

        AssertErrors(DataSetReader.ReadDirectory(path), $"{path}:0: directory not found");
    }

    [Fact]
    public void ReadDirectory_ErrorInOneFile_GivesNoDataSetAndEveryFilesErrorsInFileOrder()
    {
        using var dir = new TempDirectory();
        dir.Write("accounts.csv", "account_id,created_at", "A1,2024-01-01");
        dir.Write("notes.csv", "note_id,date", "N1,never");
        dir.Write("subscriptions.csv", "subscription_id,account_id,start_date,amount,interval", "S1,A1,2024-01-01,10,month", "S2,A1,2024-01-01,-10,month");
        dir.Write("tickets.csv", "ticket_id,account_id,created_at", "T1,A1,2024-01-01");

        AssertErrors(DataSetReader.ReadDirectory(dir.Path),
            "subscriptions.csv:3: amount: '-10' must not be negative",
            "notes.csv:2: date: 'never' is not an ISO-8601 date or date-time");
    }

    [Fact]
    public void ReadDirectory_AccountIdMissingFromAccounts_IsAnErrorInTheReferringFile()
    {
        using var dir = new TempDirectory();
        dir.Write("accounts.csv", "account_id,created_at", "A1,2024-01-01");
        dir.Write("usage.csv", "account_id,timestamp", "A1,2024-05-01", "a1,2024-05-01");
        dir.Write("surveys.csv", "response_id,survey,account_id,score,scale,submitted_at", "R1,nps,A2,9,0-10,2024-05-01");

        AssertErrors(DataSetReader.ReadDirectory(dir.Path),
            "usage.csv:3: account_id: unknown account 'a1' (not in accounts.csv)",
            "surveys.csv:2: account_id: unknown account 'A2' (not in accounts.csv)");
    }

    [Fact]
    public void ReadDirectory_AccountRowWithOtherErrors_StillCountsAsKnown()
    {
        using var dir = new TempDirectory();
        dir.Write("accounts.csv", "account_id,created_at", "A1,2024-01-01", "A2,someday");
        dir.Write("referrals.csv", "referral_id,account_id,date", "F1,A2,2024-05-01");

        AssertErrors(DataSetReader.ReadDirectory(dir.Path),
            "accounts.csv:3: created_at: 'someday' is not an ISO-8601 date or date-time");
    }

    [Fact]
    public void ReadDirectory_AccountsWithoutAccountIdColumn_SkipsTheAccountCheck()
    {
        using var dir = new TempDirectory();
        dir.Write("accounts.csv", "id,created_at", "A1,2024-01-01");
        dir.Write("referrals.csv", "referral_id,account_id,date", "F1,A1,2024-05-01");

        AssertErrors(DataSetReader.ReadDirectory(dir.Path),
            "accounts.csv:1: id: unknown column 'id'; accounts.csv has account_id, name, created_at, segment, industry, plan, csm, region, acquisition_cost, currency",
            "accounts.csv:1: account_id: required column is missing");
    }

    [Fact]
    public void ReadFiles_WithoutAccounts_DoesNotCheckAccountIds()
    {
        using var dir = new TempDirectory();
        string tickets = dir.Write("tickets.csv", "ticket_id,account_id,created_at", "T1,anything,2024-01-01");

        var data = AssertValid(DataSetReader.ReadFiles([tickets]));

        Assert.Equal(InputKind.Tickets, data.Present);
        Assert.Equal("anything", Assert.Single(data.Tickets).AccountId);
    }

    [Fact]
    public void ReadFiles_UnknownNameMissingFileAndRepeatedKind_AreErrors()
    {
        using var dir = new TempDirectory();
        string accounts = dir.Write("accounts.csv", "account_id,created_at", "A1,2024-01-01");
        string other = dir.Write("customers.csv", "account_id,created_at", "A1,2024-01-01");
        Directory.CreateDirectory(Path.Combine(dir.Path, "copy"));
        string copy = dir.Write(Path.Combine("copy", "accounts.csv"), "account_id,created_at", "A2,2024-01-01");
        string missing = Path.Combine(dir.Path, "costs.csv");

        AssertErrors(DataSetReader.ReadFiles([accounts, other, missing, copy]),
            "customers.csv:0: unknown input file; expected one of accounts.csv, subscriptions.csv, invoices.csv, users.csv, usage.csv, surveys.csv, tickets.csv, costs.csv, offers.csv, referrals.csv, milestones.csv, programs.csv, tasks.csv, notes.csv",
            $"costs.csv:0: file not found: {missing}",
            $"accounts.csv:0: given more than once ({accounts}, {copy})");
    }

    [Fact]
    public void ReadDirectory_InvalidUtf8_IsAnError()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(Path.Combine(dir.Path, "notes.csv"), [.. Encoding.UTF8.GetBytes("note_id,date,text\nN1,2024-01-01,caf"), 0xE9, (byte)'\n']);

        AssertErrors(DataSetReader.ReadDirectory(dir.Path), "notes.csv:0: the file is not valid UTF-8 text");
    }

    [Fact]
    public void ReadDirectory_ErrorLimit_AppliesPerFile()
    {
        using var dir = new TempDirectory();
        dir.Write("costs.csv", "date,amount,kind", "x,1,retention", "x,1,retention", "x,1,retention");
        dir.Write("referrals.csv", "referral_id,account_id,date", "F1,A1,x", "F2,A1,x");

        var result = DataSetReader.ReadDirectory(dir.Path, new ReadOptions { MaxErrorsPerFile = 1 });

        AssertErrors(result,
            "costs.csv:2: date: 'x' is not an ISO-8601 date or date-time",
            "costs.csv:3: too many errors; stopped reading after 1",
            "referrals.csv:2: date: 'x' is not an ISO-8601 date or date-time",
            "referrals.csv:3: too many errors; stopped reading after 1");
    }

    [Fact]
    public void ReadDirectory_Timestamps_AreUtc()
    {
        var data = AssertValid(DataSetReader.ReadDirectory(CompleteDirectory));

        Assert.All(data.Accounts, a => Assert.Equal(DateTimeKind.Utc, a.CreatedAt.Kind));
        Assert.All(data.Users, u => Assert.Equal(DateTimeKind.Utc, (u.DeactivatedAt ?? u.CreatedAt).Kind));
        Assert.All(data.Tickets, t => Assert.Equal(DateTimeKind.Utc, t.CreatedAt.Kind));
    }

    [Fact]
    public void ReadCost_TakesTheReadersTimePerByte_NotTheBytesAlone()
    {
        // The peer's files: a chunk of usage.csv (121 MB) took 4-8 ns a byte, half of subscriptions.csv (46 MB) and of
        // tickets.csv (31 MB) 9-16, surveys.csv (19 MB) 21-29 and users.csv (14 MB) 16-22. surveys.csv is then read before a
        // half of tickets.csv (19 x 4.5 = 85.5 against 31 x 2.2 = 68.2) and after a half of subscriptions.csv (101.2).
        var pieces = new (InputKind Kind, long Bytes)[]
        {
            (InputKind.Users, 14_000_000), (InputKind.Tickets, 31_000_000), (InputKind.Surveys, 19_000_000),
            (InputKind.Subscriptions, 46_000_000), (InputKind.Usage, 121_000_000),
        };

        var order = pieces.OrderByDescending(p => DataSetReader.ReadCost(p.Kind, p.Bytes)).Select(p => p.Kind);

        Assert.Equal([InputKind.Usage, InputKind.Subscriptions, InputKind.Surveys, InputKind.Tickets, InputKind.Users], order);
        Assert.Equal(121_000_000, DataSetReader.ReadCost(InputKind.Usage, 121_000_000));
        Assert.Equal(3.0 * 1_000, DataSetReader.ReadCost(InputKind.Invoices, 1_000)); // a kind not measured: between the others
    }
}

/// <summary>A usage.csv cut into chunks read beside the other files gives what reading it whole gives: rows, order and errors.</summary>
public sealed class DataSetReaderUsageChunkTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private static ReadOptions Chunked(int chunks) => new() { UsageChunks = chunks, UsageChunkBytes = 64 };

    private static readonly ReadOptions Whole = new() { UsageChunkBytes = long.MaxValue };

    private void WriteSet(Func<int, string>? replace = null)
    {
        // Listed last first, so no chunk's own order of first appearance could pass for accounts.csv's numbering.
        directory.Write("accounts.csv", ["account_id,created_at", .. Enumerable.Range(0, 13).Reverse().Select(a => $"A{a},2023-01-01")]);
        directory.Write("tickets.csv", "ticket_id,account_id,created_at", "T1,A1,2024-01-01", "T2,A2,2024-01-02");
        // 600 events of 3 accounts, 4 users (every fifth event without one) on 10 days taken in turn: the same (account,
        // user, day) all over the file, so in several chunks.
        directory.Write("usage.csv", ["account_id,user_id,timestamp,event", .. Enumerable.Range(0, 600).Select(i =>
            replace?.Invoke(i) ?? $"A{i % 3},{(i % 5 == 0 ? "" : "U" + (i % 4))},{new DateTime(2024, 1, 1).AddDays(i % 10).AddHours(i % 24):yyyy-MM-ddTHH:mm:ss}Z,login")]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public void ReadDirectory_UsageInChunks_GivesTheRollupOfTheWholeFile(int chunks)
    {
        WriteSet();
        var whole = DataSetReader.ReadDirectory(directory.Path, Whole);
        var chunked = DataSetReader.ReadDirectory(directory.Path, Chunked(chunks));

        Assert.True(whole.IsValid);
        Assert.True(chunked.IsValid);
        // At most 3 accounts x 5 users (none among them) x 10 days = 150 rollup rows for the 600 events; the same in the same order.
        Assert.InRange(whole.DataSet!.Usage.Count, 2, 150);
        Assert.Equal(600, whole.DataSet.Usage.Sum(u => u.Events));
        Assert.Equal(whole.DataSet.Usage, chunked.DataSet!.Usage);
        Assert.Equal(2, chunked.DataSet.Tickets.Count);
        Assert.Equal(whole.DataSet.Present, chunked.DataSet.Present);
    }

    [Fact]
    public void ReadDirectory_UsageInChunksWithErrors_ReportsThemWithTheFilesLineNumbers()
    {
        // Lines 2 + i: an unknown account in each of the four chunks, and a bad timestamp.
        WriteSet(i => i switch
        {
            3 => "A99,U1,2024-01-01T00:00:00Z,login",
            160 => "a1,U1,2024-01-01T00:00:00Z,login",
            300 => "A1,U1,yesterday,login",
            310 => "A13,U1,2024-01-01T00:00:00Z,login",
            590 => "B7,,2024-06-01T00:00:00Z,login",
            _ => null!,
        } ?? $"A{i % 3},U{i % 4},{new DateTime(2024, 1, 1).AddDays(i % 10):yyyy-MM-dd}T08:00:00Z,login");

        string[] expected =
        [
            "usage.csv:5: account_id: unknown account 'A99' (not in accounts.csv)",
            "usage.csv:162: account_id: unknown account 'a1' (not in accounts.csv)",
            "usage.csv:302: timestamp: 'yesterday' is not an ISO-8601 date or date-time",
            "usage.csv:312: account_id: unknown account 'A13' (not in accounts.csv)",
            "usage.csv:592: account_id: unknown account 'B7' (not in accounts.csv)",
        ];
        var chunked = DataSetReader.ReadDirectory(directory.Path, Chunked(4));
        Assert.Null(chunked.DataSet);
        Assert.Equal(expected, Csv.Printed(chunked.Errors));
        Assert.Equal(expected, Csv.Printed(DataSetReader.ReadDirectory(directory.Path, Whole).Errors));
    }
}
