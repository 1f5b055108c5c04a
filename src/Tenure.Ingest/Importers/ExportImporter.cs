using Tenure.Ingest.Importers.HubSpot;
using Tenure.Ingest.Importers.Intercom;
using Tenure.Ingest.Importers.Stripe;
using Tenure.Ingest.Importers.Zendesk;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Importers;

/// <summary>An export file and what it was read as ("the Stripe subscriptions export").</summary>
public sealed record RecognisedExport(string Path, string Export);

/// <summary>
/// What reading a system's exports gave: Tenure's records when every file was valid, otherwise no
/// data and every error (all or nothing), and which export each file was read as.
/// </summary>
public sealed record ExportReadResult(TenureDataSet? DataSet, IReadOnlyList<InputError> Errors, IReadOnlyList<RecognisedExport> Files)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Reads the files another system exports (Stripe, Zendesk, HubSpot, Intercom) into Tenure's
/// records, as docs/importers.md maps them column by column. Each file is recognised by its name
/// and extension; its columns must be the system's documented ones; the records made from it obey
/// the same rules as Tenure's own files. Nothing is written: the caller stores the data set.
/// </summary>
public static class ExportImporter
{
    /// <summary>
    /// Reads <paramref name="paths"/> (files, or directories whose files of the system's exports are
    /// read) as exports of <paramref name="system"/>. A file that is none of the system's exports is an error.
    /// </summary>
    public static ExportReadResult Read(ExportSystem system, IEnumerable<string> paths, ImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        options ??= new ImportOptions();
        var kinds = KindsOf(system);
        var errors = new List<InputError>();
        var files = new List<(string Path, ExportFileKind Kind)>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                int before = files.Count;
                foreach (var file in Directory.EnumerateFiles(path).Order(StringComparer.Ordinal))
                {
                    if (kinds.FirstOrDefault(k => k.Matches(Path.GetFileName(file))) is { } kind)
                        files.Add((file, kind));
                }
                if (files.Count == before)
                    errors.Add(new InputError(path, 0, null, $"holds none of the {Display(system)} exports Tenure reads ({Expected(kinds)})"));
            }
            else if (File.Exists(path))
            {
                var name = Path.GetFileName(path);
                if (kinds.FirstOrDefault(k => k.Matches(name)) is { } kind)
                    files.Add((path, kind));
                else
                    errors.Add(new InputError(name, 0, null, $"not a {Display(system)} export Tenure reads; name each file as it was downloaded: {Expected(kinds)}"));
            }
            else
            {
                errors.Add(new InputError(path, 0, null, "no such file or directory"));
            }
        }
        var recognised = files.Select(f => new RecognisedExport(f.Path, f.Kind.Name)).ToList();
        if (errors.Count > 0)
            return new ExportReadResult(null, errors, recognised);

        var data = new MappedData(options);
        foreach (var (path, kind) in files.OrderBy(f => f.Kind.Order))
        {
            var source = new ExportSource(path);
            try
            {
                kind.Map(source, data);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                data.Errors.Add(new InputError(source.FileName, 0, null, $"cannot read the file: {e.Message}"));
            }
            catch (System.Text.DecoderFallbackException)
            {
                data.Errors.Add(new InputError(source.FileName, 0, null, "the file is not valid UTF-8 text"));
            }
        }
        var read = data.Read();
        return new ExportReadResult(read.DataSet, read.Errors, recognised);
    }

    /// <summary>The export files Tenure reads for <paramref name="system"/>, for help and messages.</summary>
    public static IReadOnlyList<string> ExportsOf(ExportSystem system) =>
        [.. KindsOf(system).Select(k => $"{k.Name} ({k.Pattern})")];

    /// <summary>Every export format Tenure reads, for docs/importers.md (a test checks it lists each column).</summary>
    internal static IReadOnlyList<ExportFormat> Formats { get; } =
    [
        StripeCustomers.Format, StripeCoupons.Format, StripeSubscriptions.Format, StripeInvoices.Format,
        ZendeskTicketsCsv.Format, HubSpotCompanies.Format, HubSpotFeedback.Format, IntercomContacts.Format,
        IntercomConversations.Format,
    ];

    private static IReadOnlyList<ExportFileKind> KindsOf(ExportSystem system) => system switch
    {
        ExportSystem.Stripe => StripeExports.Files,
        ExportSystem.Zendesk => ZendeskExports.Files,
        ExportSystem.HubSpot => HubSpotExports.Files,
        ExportSystem.Intercom => IntercomExports.Files,
        _ => throw new ArgumentOutOfRangeException(nameof(system), system, null),
    };

    private static string Display(ExportSystem system) => system switch
    {
        ExportSystem.HubSpot => "HubSpot",
        _ => system.ToString(),
    };

    private static string Expected(IReadOnlyList<ExportFileKind> kinds) =>
        string.Join("; ", kinds.Select(k => $"{k.Name}: {k.Pattern}"));
}
