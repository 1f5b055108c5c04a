using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Tests;

public class AccountDirectoryNumberedTests
{
    private static readonly DateTime May1 = new(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);

    private static Ticket TicketOf(string accountId) => new("T1", accountId, May1);

    [Fact]
    public void NumberedIds_KnownByNumber_OthersAddedAfterTheListedAccounts()
    {
        // accounts.csv lists A001 and A002; tickets name A003 (the same shape, not listed), A02 (another width), A002 again.
        var data = new TenureDataSet
        {
            Accounts = [new Account("A001", "One", May1), new Account("A002", "Two", May1)],
            Tickets = [TicketOf("A003"), TicketOf("A02"), TicketOf("A002")],
        };

        var directory = AccountDirectory.Build(data);

        Assert.Equal(4, directory.Count);
        Assert.Equal([0, 1, 2, 3], new[] { "A001", "A002", "A003", "A02" }.Select(directory.IndexOf));
        Assert.Equal(-1, directory.IndexOf("A004")); // the shape, within the numbers kept, never seen
        Assert.Equal(-1, directory.IndexOf("A2"));
        Assert.Equal(-1, directory.IndexOf("B001"));
        Assert.Null(directory.Accounts[2]);
    }

    [Fact]
    public void RowsOfOneAccount_InStringsOfTheirOwn_HaveItsIndex()
    {
        // Rows run by account, each range remembering the previous row's id by its object: an id with the same text in
        // another string object (read from elsewhere than accounts.csv) is looked up again and gets the same index.
        var a002 = "A002";
        var data = new TenureDataSet
        {
            Accounts = [new Account("A001", "One", May1), new Account(new string(a002.AsSpan()), "Two", May1), new Account("x", "Three", May1)],
            Tickets = [TicketOf(a002), TicketOf(new string(a002.AsSpan())), TicketOf(a002), TicketOf(new string("A001".AsSpan())), TicketOf("A001"), TicketOf(new string("x".AsSpan())), TicketOf("x")],
        };

        var directory = AccountDirectory.Build(data);

        Assert.Equal([1, 1, 1, 0, 0, 2, 2], directory.AccountIndexes(data.Tickets, t => t.AccountId));
    }

    [Fact]
    public void WithoutAccountsFile_TheFirstIdSeenSetsTheShape()
    {
        var data = new TenureDataSet { Tickets = [TicketOf("acc_0000007"), TicketOf("x"), TicketOf("acc_0000002")] };

        var directory = AccountDirectory.Build(data);

        Assert.Equal([0, 1, 2], new[] { "acc_0000007", "x", "acc_0000002" }.Select(directory.IndexOf));
        Assert.Equal(-1, directory.IndexOf("acc_0000003"));
    }

    [Fact]
    public void WithoutAccountsFile_AnIdNumberedPastTheBoundFirst_IsFoundOnceTheBoundGrowsPastIt()
    {
        // No accounts.csv: the index keeps numbers below 8 slots an id added (65,536 at least) by number (ADR 0365). A0070000
        // comes first, past that bound, so it is kept by its text; 10,000 more ids (A0000000-A0009999) raise the bound to
        // 80,008, past 70,000; A0070000 named again must still be the first account, and A0070001 (in the bound, never
        // named) no account.
        var ids = new List<string> { "A0070000" };
        ids.AddRange(Enumerable.Range(0, 10_000).Select(i => $"A{i:D7}"));
        ids.Add("A0070000");
        var data = new TenureDataSet { Tickets = [.. ids.Select(TicketOf)] };

        var directory = AccountDirectory.Build(data);

        Assert.Equal(10_001, directory.Count);
        Assert.Equal(0, directory.IndexOf("A0070000"));
        Assert.Equal([1, 10, 10_000], new[] { "A0000000", "A0000009", "A0009999" }.Select(directory.IndexOf));
        Assert.Equal(-1, directory.IndexOf("A0070001"));
        Assert.Equal(0, directory.AccountIndexes(data.Tickets, InputKinds.Tickets.AccountIdOf!)[^1]);
    }

    [Fact]
    public void IdsNotListed_NumberedInKindOrderThenRowOrder_AcrossManyParallelRanges()
    {
        // accounts.csv lists A000000..A000009. Subscriptions (a kind before tickets in InputKinds.All) name the unlisted X7
        // on their last row only; 200,000 tickets (several ranges of the parallel lookup) name the listed accounts in turn,
        // with the unlisted Y at row 150,000 and X7 again at row 199,999; a task names Z. So the directory is the 10 listed
        // accounts, then X7 (subscriptions come first), Y, Z.
        var accounts = Enumerable.Range(0, 10).Select(i => new Account($"A{i:D6}", $"Account {i}", May1)).ToList();
        var subscriptions = new List<SubscriptionPeriod>
        {
            new("S1", "A000003", "pro", May1, null, 10m, BillingInterval.Month),
            new("S2", "X7", "pro", May1, null, 10m, BillingInterval.Month),
        };
        var tickets = new Ticket[200_000];
        for (var i = 0; i < tickets.Length; i++)
            tickets[i] = TicketOf(i == 150_000 ? "Y" : i == 199_999 ? "X7" : $"A{i % 10:D6}");
        var data = new TenureDataSet
        {
            Accounts = accounts,
            Subscriptions = subscriptions,
            Tickets = tickets,
            Tasks = [new CsTask("K1", "ann", "Z", null, May1), new CsTask("K2", "ann", null, null, May1)],
        };

        var directory = AccountDirectory.Build(data);

        Assert.Equal(13, directory.Count);
        Assert.Equal([10, 11, 12], new[] { "X7", "Y", "Z" }.Select(directory.IndexOf));
        Assert.Equal(3, directory.IndexOf("A000003"));
        // Each record's account number, as kept by the build, is its id's number (-1 for a task naming no account).
        var ticketNumbers = directory.AccountIndexes(data.Tickets, InputKinds.Tickets.AccountIdOf!);
        Assert.Equal(tickets.Select(t => directory.IndexOf(t.AccountId)), ticketNumbers);
        Assert.Equal(11, ticketNumbers[150_000]);
        Assert.Equal(10, ticketNumbers[199_999]);
        Assert.Equal(7, ticketNumbers[199_997]);
        Assert.Equal([3, 10], directory.AccountIndexes(data.Subscriptions, InputKinds.Subscriptions.AccountIdOf!));
        Assert.Equal([12, -1], directory.AccountIndexes(data.Tasks, InputKinds.Tasks.AccountIdOf!));
        // Grouped from those numbers: account 10 (X7) has one ticket, the last of the file.
        var (grouped, offsets) = directory.GroupByAccount(data.Tickets, InputKinds.Tickets.AccountIdOf!);
        Assert.Equal(1, offsets[11] - offsets[10]);
        Assert.Same(tickets[199_999], grouped[offsets[10]]);
    }
}
