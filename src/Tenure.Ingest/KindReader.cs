using Tenure.Ingest.Csv;
using Tenure.Ingest.Json;
using Tenure.Ingest.Readers;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest;

/// <summary>What reading one kind's rows gave: a data set holding only that kind (present), or the errors.</summary>
public sealed record KindReadResult(KindDescription Kind, TenureDataSet? Data, int Rows, IReadOnlyList<InputError> Errors)
{
    public bool IsValid => Errors.Count == 0;

    /// <summary>A reader's rows of <paramref name="kind"/> as a data set holding only them, or its errors.</summary>
    internal static KindReadResult Of<T>(KindDescription<T> kind, CsvReadResult<T> result) =>
        result.IsValid
            ? new KindReadResult(kind, kind.WithRows(new TenureDataSet { Present = kind.Kind }, result.Rows), result.Rows.Count, [])
            : new KindReadResult(kind, null, 0, result.Errors);
}

/// <summary>
/// Reads the rows of any input kind, as CSV text (a file, a CSV body) or as a JSON array of records
/// (an API body), through the one reader of that kind: the same rules and the same row errors
/// either way. The reader of each kind is listed once, in <see cref="Parts"/>.
/// </summary>
public static class KindReader
{
    private delegate KindReadResult ReadKind(CsvText text, string fileName, AccountIndex? accounts, ReadOptions options);

    /// <summary>The reader of each kind, in <see cref="InputKinds.All"/> order.</summary>
    private static readonly (KindDescription Kind, ReadKind Read)[] Parts =
    [
        Part(InputKinds.Accounts, (r, f, _, o) => AccountsReader.Read(r, f, o, out _)),
        Part(InputKinds.Subscriptions, SubscriptionsReader.Read),
        Part(InputKinds.Invoices, InvoicesReader.Read),
        Part(InputKinds.Users, UsersReader.Read),
        Part(InputKinds.Usage, UsageReader.ReadDays),
        Part(InputKinds.Surveys, SurveysReader.Read),
        Part(InputKinds.Tickets, TicketsReader.Read),
        Part(InputKinds.Costs, (r, f, _, o) => CostsReader.Read(r, f, o)),
        Part(InputKinds.Offers, OffersReader.Read),
        Part(InputKinds.Referrals, ReferralsReader.Read),
        Part(InputKinds.Milestones, MilestonesReader.Read),
        Part(InputKinds.Programs, ProgramsReader.Read),
        Part(InputKinds.Tasks, TasksReader.Read),
        Part(InputKinds.Notes, NotesReader.Read),
    ];

    /// <summary>The kinds that have a reader (every kind; a test checks it against <see cref="InputKinds.All"/>).</summary>
    public static IEnumerable<KindDescription> Kinds => Parts.Select(p => p.Kind);

    /// <summary>
    /// Reads the CSV text of <paramref name="kind"/> (header row first). With <paramref name="accounts"/>,
    /// every account_id must be one of them. Usage comes back rolled up per account, user and UTC day.
    /// Errors name <paramref name="fileName"/> (the kind's file name by default).
    /// </summary>
    public static KindReadResult ReadCsv(KindDescription kind, TextReader reader, AccountIndex? accounts = null, ReadOptions? options = null, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ReadCsv(kind, CsvText.Of(reader), accounts, options, fileName);
    }

    /// <summary><see cref="ReadCsv(KindDescription, TextReader, AccountIndex?, ReadOptions?, string?)"/> of <paramref name="text"/>, which may be the lines of a quote-free file split by hand (<see cref="CsvText.GaveUp"/> then tells whether to read it again).</summary>
    internal static KindReadResult ReadCsv(KindDescription kind, CsvText text, AccountIndex? accounts = null, ReadOptions? options = null, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return PartOf(kind).Read(text, fileName ?? kind.FileName, kind.NamesAccounts ? accounts : null, options ?? ReadOptions.Default);
    }

    /// <summary>
    /// Reads a JSON array of records of <paramref name="kind"/>, each an object whose property names
    /// are the kind's columns, by the kind's CSV reader. Errors about one record carry its array
    /// index (<see cref="InputError.Record"/>), errors about the property names or the body have none.
    /// </summary>
    public static KindReadResult ReadJson(KindDescription kind, ReadOnlyMemory<byte> body, AccountIndex? accounts = null, ReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(kind);
        options ??= ReadOptions.Default;
        var json = JsonBody.Parse(body, kind.FileName, options.MaxErrorsPerFile);
        if (json.Errors.Count > 0)
            return new KindReadResult(kind, null, 0, json.Errors);
        using var reader = json.OpenText();
        var read = ReadCsv(kind, reader, accounts, options);
        return read.IsValid ? read : read with { Errors = [.. read.Errors.Select(json.ToRecordError)] };
    }

    private static (KindDescription Kind, ReadKind Read) Part<T>(
        KindDescription<T> kind, Func<CsvText, string, AccountIndex?, ReadOptions, CsvReadResult<T>> read)
    {
        KindReadResult Read(CsvText text, string fileName, AccountIndex? accounts, ReadOptions options)
        {
            return KindReadResult.Of(kind, read(text, fileName, accounts, options));
        }
        return (kind, Read);
    }

    private static (KindDescription Kind, ReadKind Read) PartOf(KindDescription kind)
    {
        foreach (var part in Parts)
        {
            if (part.Kind == kind)
                return part;
        }
        throw new ArgumentOutOfRangeException(nameof(kind), kind, "No reader for this kind.");
    }
}
