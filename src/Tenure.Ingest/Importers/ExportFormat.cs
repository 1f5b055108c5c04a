using Tenure.Ingest.Csv;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Importers;

/// <summary>
/// One file another system exports (Stripe's subscriptions export, Zendesk's tickets CSV, ...): the
/// columns a mapper reads, by the names the system writes in the header, and the documented columns it
/// knows but does not map (docs/importers.md lists both). Any other header column is an error naming
/// it, so a file from a different export or a renamed column never imports half-understood.
/// </summary>
internal sealed class ExportFormat
{
    public ExportFormat(string name, IReadOnlyList<InputColumn> columns, IReadOnlyList<string>? notMapped = null, Func<string, bool>? notMappedWhen = null)
    {
        Name = name;
        Columns = columns;
        NotMapped = notMapped ?? [];
        ColumnSet = new ColumnSet(name, columns, NotMapped, notMappedWhen);
    }

    /// <summary>"the Stripe subscriptions export": the file as messages name it.</summary>
    public string Name { get; }

    /// <summary>The columns a mapper reads; their positions are the mapper's column indexes.</summary>
    public IReadOnlyList<InputColumn> Columns { get; }

    /// <summary>Documented columns that are accepted and not mapped.</summary>
    public IReadOnlyList<string> NotMapped { get; }

    internal ColumnSet ColumnSet { get; }

    /// <summary>Opens a CSV export for reading; null (errors logged) when its header breaks a rule.</summary>
    internal CsvRows? Open(TextReader reader, ErrorLog errors) => CsvRows.Open(reader, ColumnSet, errors);
}
