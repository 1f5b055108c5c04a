using Tenure.Ingest;
using Tenure.Metrics.Inputs;

namespace Tenure.Web.Ingest;

/// <summary>What reading one kind's rows gave: a data set holding only that kind, or the errors.</summary>
internal sealed record KindReadResult(TenureDataSet? Data, int Rows, IReadOnlyList<InputError> Errors);

/// <summary>Reads one kind's CSV text with the same <see cref="CsvInputReader"/> method its file goes through.</summary>
internal static class KindReader
{
    /// <summary>
    /// The rows of <paramref name="kind"/> (not usage: that is additive, see the usage endpoint). With
    /// <paramref name="accounts"/>, every account_id must be one of them.
    /// </summary>
    public static KindReadResult Read(InputKind kind, TextReader reader, AccountIndex? accounts)
    {
        var file = InputKinds.FileName(kind);
        return kind switch
        {
            InputKind.Accounts => Result(CsvInputReader.ReadAccounts(reader, file), rows => new TenureDataSet { Accounts = rows, Present = kind }),
            InputKind.Subscriptions => Result(CsvInputReader.ReadSubscriptions(reader, file, accounts), rows => new TenureDataSet { Subscriptions = rows, Present = kind }),
            InputKind.Invoices => Result(CsvInputReader.ReadInvoices(reader, file, accounts), rows => new TenureDataSet { Invoices = rows, Present = kind }),
            InputKind.Users => Result(CsvInputReader.ReadUsers(reader, file, accounts), rows => new TenureDataSet { Users = rows, Present = kind }),
            InputKind.Surveys => Result(CsvInputReader.ReadSurveys(reader, file, accounts), rows => new TenureDataSet { Surveys = rows, Present = kind }),
            InputKind.Tickets => Result(CsvInputReader.ReadTickets(reader, file, accounts), rows => new TenureDataSet { Tickets = rows, Present = kind }),
            InputKind.Costs => Result(CsvInputReader.ReadCosts(reader, file), rows => new TenureDataSet { Costs = rows, Present = kind }),
            InputKind.Offers => Result(CsvInputReader.ReadOffers(reader, file, accounts), rows => new TenureDataSet { Offers = rows, Present = kind }),
            InputKind.Referrals => Result(CsvInputReader.ReadReferrals(reader, file, accounts), rows => new TenureDataSet { Referrals = rows, Present = kind }),
            InputKind.Milestones => Result(CsvInputReader.ReadMilestones(reader, file, accounts), rows => new TenureDataSet { Milestones = rows, Present = kind }),
            InputKind.Programs => Result(CsvInputReader.ReadPrograms(reader, file, accounts), rows => new TenureDataSet { Programs = rows, Present = kind }),
            InputKind.Tasks => Result(CsvInputReader.ReadTasks(reader, file, accounts), rows => new TenureDataSet { Tasks = rows, Present = kind }),
            InputKind.Notes => Result(CsvInputReader.ReadNotes(reader, file, accounts), rows => new TenureDataSet { Notes = rows, Present = kind }),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a single input kind read as a whole file."),
        };
    }

    /// <summary>Whether the kind's rows name accounts that must be stored already (all but accounts and costs).</summary>
    public static bool ChecksAccounts(InputKind kind) => kind is not (InputKind.Accounts or InputKind.Costs);

    private static KindReadResult Result<T>(CsvReadResult<T> read, Func<IReadOnlyList<T>, TenureDataSet> toDataSet) =>
        read.IsValid ? new KindReadResult(toDataSet(read.Rows), read.Rows.Count, []) : new KindReadResult(null, 0, read.Errors);
}
