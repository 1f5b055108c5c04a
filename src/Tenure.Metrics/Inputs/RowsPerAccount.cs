using System.Runtime.CompilerServices;

namespace Tenure.Metrics.Inputs;

/// <summary>
/// A kind's records per account, counted once per list and kept with it: how many records each account number has
/// (<see cref="Rows"/>), how many name no known account (<see cref="WithoutAccount"/>), and the numbers in the order the
/// records first name them (<see cref="FirstNamed"/>). A segment works out from it how many records it keeps of a kind,
/// and which accounts they name in which order, without narrowing the records (<see cref="KindDescription.KeptAccounts"/>).
/// </summary>
internal sealed class RowsPerAccount
{
    private static readonly ConditionalWeakTable<int[], RowsPerAccount> OfNumbers = [];
    private static readonly ConditionalWeakTable<UsageDayTable, RowsPerAccount> OfTables = [];

    private RowsPerAccount(int[] rows, int withoutAccount, int[] firstNamed)
    {
        Rows = rows;
        WithoutAccount = withoutAccount;
        FirstNamed = firstNamed;
    }

    /// <summary>The records of each account number.</summary>
    public int[] Rows { get; }

    /// <summary>The records whose account number is negative (no account, or one the directory does not know).</summary>
    public int WithoutAccount { get; }

    /// <summary>Every account number that has records, once, in the order of its first record.</summary>
    public int[] FirstNamed { get; }

    /// <summary>
    /// Of the records whose account numbers are <paramref name="numbers"/>, in order (-1: none; each below
    /// <paramref name="accounts"/>, the directory's count); kept while that array lives.
    /// </summary>
    public static RowsPerAccount Of(int[] numbers, int accounts) => OfNumbers.GetValue(numbers, n =>
    {
        var counter = new Counter(accounts);
        foreach (var number in n)
            counter.Add(number);
        return counter.Done();
    });

    /// <summary>Of <paramref name="table"/>'s rows by its own account indexes; kept while the table lives.</summary>
    public static RowsPerAccount Of(UsageDayTable table) => OfTables.GetValue(table, t =>
    {
        var counter = new Counter(t.AccountIds.Count);
        foreach (ref readonly var row in t.Rows)
            counter.Add(row.Account);
        return counter.Done();
    });

    private sealed class Counter(int size)
    {
        private readonly int[] rows = new int[size];
        private readonly List<int> firstNamed = [];
        private int withoutAccount;

        public void Add(int n)
        {
            if (n < 0)
                withoutAccount++;
            else if (rows[n]++ == 0)
                firstNamed.Add(n);
        }

        public RowsPerAccount Done() => new(rows, withoutAccount, [.. firstNamed]);
    }
}
