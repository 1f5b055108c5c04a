using System.Text;

using Tenure.Ingest.Readers;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest;

/// <summary>
/// Reads one input file of a known kind from any text source (a file, an HTTP request body), as
/// docs/input-formats.md describes. Each method returns the file's rows when it is valid, otherwise
/// no rows and every error up to <see cref="ReadOptions.MaxErrorsPerFile"/> (all or nothing).
/// </summary>
/// <remarks>
/// <c>fileName</c> names the file in errors ("subscriptions.csv"). With
/// <c>accounts</c> (from accounts.csv), every account_id must be one of them and reuses its string;
/// without it account ids are not checked. The readers do not dispose the reader they are given.
/// </remarks>
public static class CsvInputReader
{
    /// <summary>
    /// A UTF-8 text reader over <paramref name="stream"/> that skips a byte order mark and makes
    /// invalid UTF-8 an input error instead of replacement characters; it leaves the stream open.
    /// </summary>
    public static TextReader OpenText(Stream stream) =>
        new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);

    /// <summary><see cref="OpenText(Stream)"/> of the file at <paramref name="path"/>, read front to back; disposing the reader closes the file.</summary>
    internal static TextReader OpenFile(string path) =>
        new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan),
            StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);

    /// <summary>The lines of a chunk of a file after its header (<see cref="Csv.FileChunks.OpenLines"/>), as text: no byte order mark is taken off, since one there is a character of the first field (as the general parser reads a chunk, after its header).</summary>
    internal static TextReader OpenLines(Stream lines) =>
        new StreamReader(lines, StrictUtf8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);

    internal static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static CsvReadResult<Account> ReadAccounts(TextReader reader, string fileName, ReadOptions? options = null) =>
        AccountsReader.Read(reader, fileName, options ?? ReadOptions.Default, out _);

    public static CsvReadResult<SubscriptionPeriod> ReadSubscriptions(TextReader reader, string fileName, AccountIndex? accounts = null, ReadOptions? options = null) =>
        SubscriptionsReader.Read(reader, fileName, accounts, options ?? ReadOptions.Default);

    public static CsvReadResult<Invoice> ReadInvoices(TextReader reader, string fileName, AccountIndex? accounts = null, ReadOptions? options = null) =>
        InvoicesReader.Read(reader, fileName, accounts, options ?? ReadOptions.Default);

    public static CsvReadResult<User> ReadUsers(TextReader reader, string fileName, AccountIndex? accounts = null, ReadOptions? options = null) =>
        UsersReader.Read(reader, fileName, accounts, options ?? ReadOptions.Default);

    /// <summary>
    /// usage.csv rolled up per account, user and UTC day; the raw events are never held in memory.
    /// Rollups come in order of first appearance of their (account, user, day) in the file.
    /// </summary>
    public static CsvReadResult<UsageDay> ReadUsage(TextReader reader, string fileName, AccountIndex? accounts = null, ReadOptions? options = null) =>
        UsageReader.ReadDays(reader, fileName, accounts, options ?? ReadOptions.Default);

    /// <summary>
    /// usage.csv as a lazy stream of raw events, for importers that store them. Bad rows are skipped
    /// and their errors added to <paramref name="errors"/> as they are found; check it after
    /// enumerating, since the events before an error have already been yielded.
    /// </summary>
    public static IEnumerable<UsageEvent> ReadUsageEvents(TextReader reader, string fileName, ICollection<InputError> errors, AccountIndex? accounts = null, ReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return UsageReader.ReadEvents(reader, fileName, accounts, options ?? ReadOptions.Default, errors);
    }

    public static CsvReadResult<SurveyResponse> ReadSurveys(TextReader reader, string fileName, AccountIndex? accounts = null, ReadOptions? options = null) =>
        SurveysReader.Read(reader, fileName, accounts, options ?? ReadOptions.Default);

    public static CsvReadResult<Ticket> ReadTickets(TextReader reader, string fileName, AccountIndex? accounts = null, ReadOptions? options = null) =>
        TicketsReader.Read(reader, fileName, accounts, options ?? ReadOptions.Default);

    /// <summary>costs.csv carries no account, so it takes no <see cref="AccountIndex"/>.</summary>
    public static CsvReadResult<CostEntry> ReadCosts(TextReader reader, string fileName, ReadOptions? options = null) =>
        CostsReader.Read(reader, fileName, options ?? ReadOptions.Default);

    public static CsvReadResult<Offer> ReadOffers(TextReader reader, string fileName, AccountIndex? accounts = null, ReadOptions? options = null) =>
        OffersReader.Read(reader, fileName, accounts, options ?? ReadOptions.Default);

    public static CsvReadResult<Referral> ReadReferrals(TextReader reader, string fileName, AccountIndex? accounts = null, ReadOptions? options = null) =>
        ReferralsReader.Read(reader, fileName, accounts, options ?? ReadOptions.Default);

    public static CsvReadResult<Milestone> ReadMilestones(TextReader reader, string fileName, AccountIndex? accounts = null, ReadOptions? options = null) =>
        MilestonesReader.Read(reader, fileName, accounts, options ?? ReadOptions.Default);

    public static CsvReadResult<ProgramMembership> ReadPrograms(TextReader reader, string fileName, AccountIndex? accounts = null, ReadOptions? options = null) =>
        ProgramsReader.Read(reader, fileName, accounts, options ?? ReadOptions.Default);

    public static CsvReadResult<CsTask> ReadTasks(TextReader reader, string fileName, AccountIndex? accounts = null, ReadOptions? options = null) =>
        TasksReader.Read(reader, fileName, accounts, options ?? ReadOptions.Default);

    public static CsvReadResult<Note> ReadNotes(TextReader reader, string fileName, AccountIndex? accounts = null, ReadOptions? options = null) =>
        NotesReader.Read(reader, fileName, accounts, options ?? ReadOptions.Default);
}
