using Tenure.Metrics.Drilldown;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Tests;

/// <summary>The segment filter and the account directory handle every kind of <see cref="InputKinds.All"/>.</summary>
public class InputKindsTests
{
    private static readonly DateTime At = new(2024, 4, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Sample_HoldsARecordOfEveryKind()
    {
        var data = OneOfEach("A1", "ann");

        Assert.All(InputKinds.All, kind => Assert.Equal(1, kind.CountIn(data)));
    }

    [Fact]
    public void SegmentFilter_Apply_KeepsEveryKindsRecordsOfTheSegmentOnly()
    {
        var data = Merge(OneOfEach("A1", "ann"), OneOfEach("B1", "bo"));

        var ann = new SegmentFilter(Csm: "ann").Apply(data);

        Assert.Equal(data.Present, ann.Present);
        Assert.All(InputKinds.All, kind =>
        {
            // Costs name no account, so a segment has none of them; every other kind keeps A1's record.
            int expected = kind.Kind == InputKind.Costs ? 0 : 1;
            Assert.Equal(expected, kind.CountIn(ann));
        });
        Assert.All(InputKinds.All.Where(k => k.Kind != InputKind.Costs), kind =>
        {
            var ids = new List<string?>();
            kind.ForEachAccountId(ann, ids.Add);
            Assert.Equal(["A1"], ids);
        });
    }

    /// <summary>
    /// A segment narrows the kinds whose records go by their account alone when they are first read: every kind but
    /// accounts, costs and tasks. Their counts are known at once, counting makes nothing, and a kind read is made once
    /// (a copy of the data set reads the same records).
    /// </summary>
    [Fact]
    public void SegmentFilter_Apply_NarrowsTheKindsThatGoByTheirAccountWhenFirstRead()
    {
        var data = Merge(OneOfEach("A1", "ann"), OneOfEach("B1", "bo"));
        const InputKind deferred = InputKind.Subscriptions | InputKind.Invoices | InputKind.Users | InputKind.Usage
            | InputKind.Surveys | InputKind.Tickets | InputKind.Offers | InputKind.Referrals | InputKind.Milestones
            | InputKind.Programs | InputKind.Notes;

        var ann = new SegmentFilter(Csm: "ann").Apply(data);

        Assert.Equal(deferred, ann.Deferred);
        Assert.All(InputKinds.All, kind => Assert.Equal(kind.Kind == InputKind.Costs ? 0 : 1, kind.CountIn(ann)));
        Assert.Equal(deferred, ann.Deferred);
        var tickets = ann.Tickets;
        Assert.Equal("A1", Assert.Single(tickets).AccountId);
        Assert.Equal(deferred & ~InputKind.Tickets, ann.Deferred);
        Assert.Same(tickets, ann.Tickets);
        Assert.Same(tickets, (ann with { }).Tickets);
        Assert.Equal(InputKind.None, data.Deferred);
    }

    /// <summary>
    /// A record that names no account (a note without account_id) has no attributes: it is in "plan=(none)" with B1's and
    /// not in "plan=pro", and each segment counts it so before its notes are made (a wrong count is refused when made).
    /// </summary>
    [Fact]
    public void SegmentFilter_Apply_ARecordWithoutAnAccount_IsCountedInTheNoneSegment()
    {
        var data = new TenureDataSet
        {
            Accounts = [new Account("A1", "A1", At, Plan: "pro"), new Account("B1", "B1", At)],
            Notes = [new Note("N1", null, At, null, null), new Note("N2", "A1", At, null, null), new Note("N3", "B1", At, null, null), new Note("N4", null, At, null, null)],
            Present = InputKind.Accounts | InputKind.Notes,
        };

        var none = new SegmentFilter(Plan: Segmentation.NoneValue).Apply(data);
        var pro = new SegmentFilter(Plan: "pro").Apply(data);

        Assert.Equal(3, InputKinds.Notes.CountIn(none));
        Assert.Equal(1, InputKinds.Notes.CountIn(pro));
        Assert.True(none.Deferred.HasFlag(InputKind.Notes));
        Assert.Equal(["N1", "N3", "N4"], none.Notes.Select(n => n.NoteId));
        Assert.Equal(["N2"], pro.Notes.Select(n => n.NoteId));
    }

    [Fact]
    public void DeferredRows_CountedAtOnce_MadeOnFirstReadOnly_AndAWrongCountIsRefused()
    {
        var made = 0;
        var rows = new DeferredRows<int>(() => { made++; return [7, 8, 9]; }, 3);

        Assert.Equal(3, rows.Count);
        Assert.False(rows.IsMade);
        Assert.Equal(0, made);
        Assert.Equal([7, 8, 9], rows);
        Assert.Equal(8, rows[1]);
        Assert.True(rows.IsMade);
        Assert.Equal(1, made);

        var wrong = new DeferredRows<int>(() => [1, 2], 3);
        var error = Assert.Throws<InvalidOperationException>(() => wrong.Rows);
        Assert.Equal("3 deferred records were counted and 2 made.", error.Message);
    }

    [Fact]
    public void SegmentFilter_Apply_TasksGoByTheirOwnerForTheCsmPart()
    {
        // B1's task is owned by ann: the csm part follows the owner, not the account's csm (bo).
        var data = Merge(OneOfEach("A1", "bo") with { Tasks = [new CsTask("K1", "bo", "A1", null, At)] },
            OneOfEach("B1", "bo") with { Tasks = [new CsTask("K2", "ann", "B1", null, At)] });

        var ann = new SegmentFilter(Csm: "ann").Apply(data);

        Assert.Equal("K2", Assert.Single(ann.Tasks).TaskId);
        Assert.Empty(ann.Accounts);
    }

    /// <summary>
    /// Usage held as ints stays ints when filtered (only its rows narrowed, in order), and the rules are the engine's: an
    /// account id not in accounts.csv (X9) has no attributes, so it is in "plan=(none)" with B1 (no plan), not in "plan=pro".
    /// </summary>
    [Fact]
    public void SegmentFilter_Apply_UsageAsInts_StaysInts_AndAnUnknownAccountIsInTheNoneSegment()
    {
        static UsageDayCount Row(int account, int day) => new() { Account = account, User = -1, Day = day, Events = 1 };
        var data = new TenureDataSet
        {
            Accounts = [new Account("A1", "A1", At, Plan: "pro"), new Account("B1", "B1", At)],
            Usage = new UsageDayTable([Row(0, 10), Row(1, 11), Row(2, 12), Row(0, 13), Row(2, 14)], 5, ["A1", "B1", "X9"], []),
            Tickets = [new Ticket("T1", "X9", At), new Ticket("T2", "A1", At), new Ticket("T3", "B1", At)],
            Present = InputKind.Accounts | InputKind.Usage | InputKind.Tickets,
        };

        var pro = new SegmentFilter(Plan: "pro").Apply(data);
        var none = new SegmentFilter(Plan: Segmentation.NoneValue).Apply(data);

        var proUsage = Assert.IsType<UsageDayTable>(pro.Usage);
        Assert.Equal([10, 13], proUsage.Rows.ToArray().Select(r => r.Day));
        Assert.Equal(["T2"], pro.Tickets.Select(t => t.TicketId));
        var noneUsage = Assert.IsType<UsageDayTable>(none.Usage);
        Assert.Equal([11, 12, 14], noneUsage.Rows.ToArray().Select(r => r.Day));
        Assert.Equal(["B1", "X9", "X9"], noneUsage.Select(u => u.AccountId));
        Assert.Equal(["T1", "T3"], none.Tickets.Select(t => t.TicketId));
        Assert.Equal(["B1"], none.Accounts.Select(a => a.AccountId));
    }

    /// <summary>
    /// A large usage table is narrowed in ranges at once: 1,200,000 rows of accounts A1 (pro), B1 and X9 (unknown) in turn,
    /// day = row number. "plan=pro" keeps rows 0, 3, 6, ... (400,000), in order, each A1's; the segment's own account
    /// numbers, handed to it by the filter, give the figures a copy of it works out for itself.
    /// </summary>
    [Fact]
    public void SegmentFilter_Apply_ALargeUsageTable_KeepsItsSegmentsRowsInOrder()
    {
        const int rows = 1_200_000;
        var usage = new UsageDayCount[rows];
        for (var i = 0; i < rows; i++)
            usage[i] = new UsageDayCount { Account = i % 3, User = -1, Day = 19_000 + i % 700, Events = 1 + i / 3 % 5 };
        var data = new TenureDataSet
        {
            Accounts = [new Account("A1", "A1", At, Plan: "pro"), new Account("B1", "B1", At)],
            Usage = new UsageDayTable(usage, rows, ["A1", "B1", "X9"], []),
            Present = InputKind.Accounts | InputKind.Usage,
        };

        var pro = new SegmentFilter(Plan: "pro").Apply(data);

        var kept = Assert.IsType<UsageDayTable>(pro.Usage);
        Assert.Equal(rows / 3, kept.Count);
        var expected = Enumerable.Range(0, rows / 3).Select(k => (19_000 + k * 3 % 700, 1 + k % 5));
        Assert.Equal(expected, kept.Rows.ToArray().Select(r => (r.Day, r.Events)));
        Assert.All(kept.Rows.ToArray(), r => Assert.Equal("A1", kept.AccountIds[r.Account]));
        string[] metrics = [.. Catalogue.MetricCatalogue.All.Where(d => (d.Inputs & InputKind.Usage) != 0).Select(d => d.Id)];
        var request = new MetricRequest(new DateTime(2022, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), Periods.Granularity.Quarter, SegmentBy.None, metrics);
        Assert.Equal(
            MetricEngine.Compute(pro with { }, request).Select(r => (r.Metric, r.Period, r.Value.Value)),
            MetricEngine.Compute(pro, request).Select(r => (r.Metric, r.Period, r.Value.Value)));
    }

    /// <summary>
    /// The ranges a usage table is narrowed in keep different shares of it (the segment's rows are sized by the rows each
    /// range holds of each account, counted once per table): twice as many of the segment's rows in the first half.
    /// Narrowed twice, the second time from the counts kept with the table.
    /// </summary>
    [Fact]
    public void SegmentFilter_Apply_AUsageTableWhoseRangesKeepDifferentShares_KeepsItsSegmentsRowsInOrder()
    {
        const int rows = 1_200_000;
        var usage = new UsageDayCount[rows];
        for (var i = 0; i < rows; i++)
        {
            // A1 (0) on two rows of three in the first half, one of three in the second.
            var a1 = i < rows / 2 ? i % 3 != 2 : i % 3 == 0;
            usage[i] = new UsageDayCount { Account = a1 ? 0 : 1, User = -1, Day = 19_000 + i % 700, Events = 1 + i % 7 };
        }
        var data = new TenureDataSet
        {
            Accounts = [new Account("A1", "A1", At, Plan: "pro"), new Account("B1", "B1", At)],
            Usage = new UsageDayTable(usage, rows, ["A1", "B1"], []),
            Present = InputKind.Accounts | InputKind.Usage,
        };
        var expected = usage.Where(r => r.Account == 0).Select(r => (r.Day, r.Events)).ToArray();

        foreach (var _ in new[] { 1, 2 })
        {
            var kept = Assert.IsType<UsageDayTable>(new SegmentFilter(Plan: "pro").Apply(data).Usage);

            // 400,000 in the first half and 200,000 in the second.
            Assert.Equal(600_000, kept.Count);
            Assert.Equal(expected, kept.Rows.ToArray().Select(r => (r.Day, r.Events)));
            Assert.All(kept.Rows.ToArray(), r => Assert.Equal("A1", kept.AccountIds[r.Account]));
        }
    }

    [Fact]
    public void AccountDirectory_Build_WithoutAccounts_IndexesTheAccountsOfEveryKindThatNamesThem()
    {
        var sample = OneOfEach("A1", "ann");
        Assert.All(InputKinds.All.Where(k => k.Kind != InputKind.Accounts), kind =>
        {
            var only = kind.CopyRows(new TenureDataSet { Present = kind.Kind }, sample);

            var directory = AccountDirectory.Build(only);

            Assert.Equal(kind.NamesAccounts ? 0 : -1, directory.IndexOf("A1"));
            Assert.Equal(kind.NamesAccounts ? 1 : 0, directory.Count);
        });
    }

    /// <summary>One record of every kind for <paramref name="accountId"/>, whose csm is <paramref name="csm"/>.</summary>
    private static TenureDataSet OneOfEach(string accountId, string csm) => new()
    {
        Accounts = [new Account(accountId, accountId, At, Csm: csm)],
        Subscriptions = [new SubscriptionPeriod("S" + accountId, accountId, "pro", At, null, 10m, BillingInterval.Month)],
        Invoices = [new Invoice("I" + accountId, accountId, At, 10m, InvoiceKind.Recurring)],
        Users = [new User("U" + accountId, accountId, At)],
        Usage = [new UsageDay(accountId, null, At, 1)],
        Surveys = [new SurveyResponse("R" + accountId, "nps", accountId, null, 9, Scale.ZeroToTen, null, At)],
        Tickets = [new Ticket("T" + accountId, accountId, At)],
        Costs = [new CostEntry(At, 5m, CostKind.Retention)],
        Offers = [new Offer("O" + accountId, accountId, null, At)],
        Referrals = [new Referral("F" + accountId, accountId, At)],
        Milestones = [new Milestone(accountId, "first_value", At)],
        Programs = [new ProgramMembership(accountId, "beta", At)],
        Tasks = [new CsTask("K" + accountId, csm, accountId, null, At)],
        Notes = [new Note("N" + accountId, accountId, At, null, "x")],
        Present = InputKinds.Every,
    };

    /// <summary>Both data sets' records of every kind, through the descriptions.</summary>
    private static TenureDataSet Merge(TenureDataSet a, TenureDataSet b)
    {
        var merged = new TenureDataSet { Present = a.Present | b.Present };
        foreach (var kind in InputKinds.All)
            merged = kind.AppendRows(kind.AppendRows(merged, a), b);
        return merged;
    }
}
