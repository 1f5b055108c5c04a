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
    public void WithoutAccountsFile_TheFirstIdSeenSetsTheShape()
    {
        var data = new TenureDataSet { Tickets = [TicketOf("acc_0000007"), TicketOf("x"), TicketOf("acc_0000002")] };

        var directory = AccountDirectory.Build(data);

        Assert.Equal([0, 1, 2], new[] { "acc_0000007", "x", "acc_0000002" }.Select(directory.IndexOf));
        Assert.Equal(-1, directory.IndexOf("acc_0000003"));
    }
}
