using Tenure.Ingest.Csv;
using Tenure.Ingest.Rollups;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Readers;

/// <summary>
/// usage.csv: one product usage event per row, no key (events may repeat). Read either as
/// <see cref="UsageDay"/> rollups, without ever holding the raw events, or as a stream of events.
/// </summary>
internal static class UsageReader
{
    // Positions in the description's columns (InputKinds.Usage).
    private const int AccountId = 0, UserId = 1, Timestamp = 2, Event = 3;

    private static readonly ColumnSet Columns = new(InputKinds.Usage);

    /// <summary>
    /// Counts the events per account, user (none when user_id is blank) and UTC day, in order of
    /// first appearance of each (account, user, day) in the file.
    /// </summary>
    public static CsvReadResult<UsageDay> ReadDays(TextReader reader, string fileName, AccountIndex? accounts, ReadOptions options)
    {
        var errors = new ErrorLog(fileName, options.MaxErrorsPerFile);
        using var rows = CsvRows.Open(reader, Columns, errors);
        if (rows is null)
            return errors.Result<UsageDay>([]);

        var accountRefs = new AccountRefs(accounts);
        var users = new StringPool();
        int lastUser = -1;
        var counts = new UsageDayCounts();
        while (rows.Read())
        {
            int account = rows.RequiredAccountIndex(AccountId, accountRefs);
            var timestamp = rows.RequiredInstant(Timestamp);
            if (rows.RowHasErrors)
                continue;

            var userText = rows.Span(UserId);
            int user = -1;
            if (!userText.IsEmpty)
            {
                user = lastUser >= 0 && userText.SequenceEqual(users[lastUser]) ? lastUser : users.Add(userText);
                lastUser = user;
            }
            counts.Increment(account, user, (int)(timestamp.Ticks / TimeSpan.TicksPerDay));
        }
        if (errors.Count > 0)
            return errors.Result<UsageDay>([]);

        var entries = counts.Entries;
        var days = new UsageDay[entries.Length];
        for (int i = 0; i < entries.Length; i++)
        {
            ref readonly var entry = ref entries[i];
            days[i] = new UsageDay(
                accountRefs[entry.Account],
                entry.User < 0 ? null : users[entry.User],
                new DateTime(entry.Day * TimeSpan.TicksPerDay, DateTimeKind.Utc),
                entry.Events);
        }
        return errors.Result<UsageDay>(days);
    }

    /// <summary>
    /// Streams the valid events of the file. Errors are added to <paramref name="errors"/> as they
    /// are found and their rows skipped; the caller must check it after enumerating, since events
    /// before an error have already been yielded.
    /// </summary>
    public static IEnumerable<UsageEvent> ReadEvents(TextReader reader, string fileName, AccountIndex? accounts, ReadOptions options, ICollection<InputError> errors)
    {
        var log = new ErrorLog(fileName, options.MaxErrorsPerFile, errors);
        using var rows = CsvRows.Open(reader, Columns, log);
        if (rows is null)
            yield break;

        var accountRefs = new AccountRefs(accounts);
        var users = new StringPool();
        var names = new StringPool();
        while (rows.Read())
        {
            string accountId = rows.RequiredAccount(AccountId, accountRefs);
            var timestamp = rows.RequiredInstant(Timestamp);
            var userId = rows.OptionalText(UserId, users);
            var name = rows.OptionalText(Event, names);
            if (!rows.RowHasErrors)
                yield return new UsageEvent(accountId, userId, timestamp, name);
        }
    }
}
