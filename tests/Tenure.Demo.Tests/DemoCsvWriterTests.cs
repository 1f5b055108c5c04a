using System.Text;
using System.Text.RegularExpressions;

using Tenure.Demo.Simulation;
using Tenure.Ingest;
using Tenure.Metrics.Inputs;

namespace Tenure.Demo.Tests;

public sealed partial class DemoCsvWriterTests(DemoFixture fixture)
{
    /// <summary>The "Inputs" table of DESIGN.md, column for column.</summary>
    public static TheoryData<string, string> DesignHeaders => new()
    {
        { "accounts.csv", "account_id,name,created_at,segment,industry,plan,csm,region,acquisition_cost,currency" },
        { "subscriptions.csv", "subscription_id,account_id,plan,start_date,end_date,amount,interval,quantity,discount,currency" },
        { "invoices.csv", "invoice_id,account_id,date,amount,kind,category" },
        { "users.csv", "user_id,account_id,created_at,deactivated_at" },
        { "usage.csv", "account_id,user_id,timestamp,event" },
        { "surveys.csv", "response_id,survey,account_id,user_id,score,scale,comment,submitted_at,ticket_id" },
        { "tickets.csv", "ticket_id,account_id,created_at,first_response_at,resolved_at,contacts,escalated,agent,channel,status,blocked,parent_ticket_id,is_major,handle_minutes,reopens,requester_email" },
        { "costs.csv", "date,amount,kind,category" },
        { "offers.csv", "offer_id,account_id,kind,presented_at,accepted_at" },
        { "referrals.csv", "referral_id,account_id,date" },
        { "milestones.csv", "account_id,milestone,achieved_at" },
        { "programs.csv", "account_id,program,joined_at,left_at" },
        { "tasks.csv", "task_id,owner,account_id,category,created_at,due_at,completed_at" },
        { "notes.csv", "note_id,account_id,date,source,text" },
    };

    [Theory]
    [MemberData(nameof(DesignHeaders))]
    public void Write_EachFile_StartsWithTheDesignHeader(string fileName, string header)
    {
        using var reader = new StreamReader(Path.Combine(fixture.Directory, fileName));

        Assert.Equal(header, reader.ReadLine());
    }

    [Fact]
    public void Kinds_EveryDescriptionHasExactlyOneWriter()
    {
        Assert.Equal(InputKinds.All, DemoCsvWriter.Kinds);
        Assert.Equal(InputKinds.All.Select(k => k.FileName), fixture.Summary.Files.Select(f => f.FileName));
    }

    [Fact]
    public void Write_EveryHeader_IsItsDescriptionsColumns_AndEveryColumnIsFilledSomewhere()
    {
        // A column the writer forgot would be blank on every row: each must hold a value on some row.
        foreach (var kind in InputKinds.All)
        {
            var lines = File.ReadLines(Path.Combine(fixture.Directory, kind.FileName)).ToList();
            var header = lines[0].Split(',');
            Assert.Equal(kind.Columns.Select(c => c.Name), header);
            var filled = new bool[header.Length];
            foreach (var line in lines.Skip(1).Take(20_000).Where(l => !l.Contains('"', StringComparison.Ordinal)))
            {
                var fields = line.Split(',');
                Assert.Equal(header.Length, fields.Length);
                for (int i = 0; i < fields.Length; i++)
                    filled[i] |= fields[i].Length > 0;
            }
            Assert.All(Enumerable.Range(0, header.Length), i => Assert.True(filled[i], $"{kind.FileName}: column {header[i]} is never filled"));
        }
    }

    [Fact]
    public void Write_Files_AreUtf8WithoutByteOrderMark()
    {
        var bytes = File.ReadAllBytes(Path.Combine(fixture.Directory, "surveys.csv"));

        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble));
        Assert.Contains("très bien", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadDirectory_EveryFile_ParsesWithoutErrors()
    {
        var errors = string.Join(Environment.NewLine, fixture.ReadBack.Errors.Take(20));

        Assert.True(fixture.ReadBack.IsValid, errors);
        Assert.NotNull(fixture.ReadBack.DataSet);
        Assert.Equal(InputKinds.All.Aggregate(InputKind.None, (all, k) => all | k.Kind), fixture.ReadBack.DataSet.Present);
    }

    [Fact]
    public void ReadDirectory_Records_EqualTheInMemoryDataSet()
    {
        var read = fixture.ReadBack.DataSet!;
        var memory = fixture.InMemory;

        AssertSame(memory.Accounts, read.Accounts);
        AssertSame(memory.Subscriptions, read.Subscriptions);
        AssertSame(memory.Invoices, read.Invoices);
        AssertSame(memory.Users, read.Users);
        AssertSame(memory.Surveys, read.Surveys);
        AssertSame(memory.Tickets, read.Tickets);
        AssertSame(memory.Costs, read.Costs);
        AssertSame(memory.Offers, read.Offers);
        AssertSame(memory.Referrals, read.Referrals);
        AssertSame(memory.Milestones, read.Milestones);
        AssertSame(memory.Programs, read.Programs);
        AssertSame(memory.Tasks, read.Tasks);
        AssertSame(memory.Notes, read.Notes);
    }

    [Fact]
    public void ReadDirectory_Usage_EqualsTheInMemoryRollUp()
    {
        static string Key(UsageDay d) => $"{d.AccountId}|{d.UserId}|{d.Day:O}|{d.Events}";
        var expected = fixture.InMemory.ToTenureDataSet().Usage.Select(Key).Order(StringComparer.Ordinal).ToList();
        var actual = fixture.ReadBack.DataSet!.Usage.Select(Key).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void ReadDirectory_AwkwardComments_SurviveTheRoundTrip()
    {
        var comments = fixture.ReadBack.DataSet!.Surveys.Select(s => s.Comment).ToHashSet(StringComparer.Ordinal);

        foreach (var awkward in Vocabulary.AwkwardComments)
            Assert.Contains(awkward, comments);
    }

    [Fact]
    public void ReadDirectory_AwkwardAccountNames_SurviveTheRoundTrip()
    {
        var names = fixture.ReadBack.DataSet!.Accounts.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);

        foreach (var awkward in Vocabulary.AwkwardNames)
            Assert.Contains(awkward, names);
    }

    [Fact]
    public void Write_Dates_AreIsoDatesAndInstantsAreUtcSeconds()
    {
        var lines = File.ReadLines(Path.Combine(fixture.Directory, "subscriptions.csv")).Skip(1).Take(500);
        foreach (var line in lines)
            Assert.Matches(SubscriptionRow(), line);

        foreach (var line in File.ReadLines(Path.Combine(fixture.Directory, "usage.csv")).Skip(1).Take(500))
            Assert.Matches(UsageRow(), line);
    }

    private static void AssertSame<T>(IReadOnlyList<T> expected, IReadOnlyList<T> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(expected[i], actual[i]))
                Assert.Fail($"{typeof(T).Name} #{i} differs after the round trip:{Environment.NewLine}written {expected[i]}{Environment.NewLine}read    {actual[i]}");
        }
    }

    [GeneratedRegex(@"^sub_\d{7},acc_\d{6},[a-z-]+,\d{4}-\d{2}-\d{2},(\d{4}-\d{2}-\d{2})?,\d+(\.\d+)?,(month|quarter|year|term),\d+,\d+(\.\d+)?,USD$")]
    private static partial Regex SubscriptionRow();

    [GeneratedRegex(@"^acc_\d{6},usr_\d{7},\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z,[a-z_]+$")]
    private static partial Regex UsageRow();
}
