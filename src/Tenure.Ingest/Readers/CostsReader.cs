using Tenure.Ingest.Csv;
using Tenure.Ingest.Fields;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Readers;

/// <summary>costs.csv: one cost entry per row; no account and no key (two equal rows are two costs).</summary>
internal static class CostsReader
{
    // Positions in the description's columns (InputKinds.Costs).
    private const int Date = 0, Amount = 1, Kind = 2, Category = 3;

    private static readonly ColumnSet Columns = new(InputKinds.Costs);

    private static readonly EnumNames<CostKind> Kinds = new(
        ("retention", CostKind.Retention), ("acquisition", CostKind.Acquisition));

    public static CsvReadResult<CostEntry> Read(CsvText text, string fileName, ReadOptions options)
    {
        var errors = new ErrorLog(fileName, options.MaxErrorsPerFile);
        var costs = new RowBuffer<CostEntry>(options.ExpectedRows);
        using var rows = text.Open(Columns, errors);
        if (rows is null)
            return errors.Result(costs);

        var labels = new StringPool();
        while (rows.Read())
        {
            var date = rows.RequiredInstant(Date);
            decimal amount = rows.RequiredAmount(Amount, InputLimits.Money);
            var kind = rows.RequiredEnum(Kind, Kinds);
            var category = rows.OptionalText(Category, labels);
            if (rows.RowHasErrors)
                continue;
            costs.Add(new CostEntry(date, amount, kind, category));
        }
        return errors.Result(costs);
    }
}
