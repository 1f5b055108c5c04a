using Tenure.Metrics.Inputs;
using Tenure.Storage.Schema;

namespace Tenure.Storage.Tables;

/// <summary>
/// costs: costs.csv has no id, so entries are keyed by (date, kind, category; "" for none) and the
/// amounts of one import's entries with the same key are summed into one row, which replaces the
/// stored amount (docs/adr/0021). Every cost metric sums amounts per period and kind, so the sum
/// gives the same figures, and re-importing a corrected file corrects the total.
/// </summary>
internal sealed class CostsTable() : KindTable<CostEntry>(InputKinds.Costs)
{
    public override string Name => "costs";
    public override int KeyCount => 3;
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.Instant("date"), TableColumn.Text("kind"), TableColumn.Text("category"), TableColumn.Decimal("amount"),
    ];

    /// <summary>The entries summed per (date, kind, category), in order of first appearance.</summary>
    public override IReadOnlyList<CostEntry> RowsOf(TenureDataSet data)
    {
        var sums = new Dictionary<(DateTime Date, CostKind Kind, string Category), int>();
        var rows = new List<CostEntry>();
        foreach (var cost in data.Costs)
        {
            var key = (cost.Date, cost.Kind, cost.Category ?? "");
            if (sums.TryGetValue(key, out int at))
            {
                rows[at] = rows[at] with { Amount = checked(rows[at].Amount + cost.Amount) };
            }
            else
            {
                sums.Add(key, rows.Count);
                rows.Add(cost);
            }
        }
        return rows;
    }

    public override void Write(CostEntry row, IRowWriter writer)
    {
        writer.Instant(row.Date);
        writer.Text(StoredEnums.Text(row.Kind));
        writer.Text(row.Category ?? "");
        writer.Decimal(row.Amount);
    }

    public override CostEntry Read(IRowReader reader)
    {
        var date = reader.Instant();
        var kind = StoredEnums.ParseCostKind(reader.Text());
        var category = reader.Text();
        return new(date, reader.Decimal(), kind, category.Length == 0 ? null : category);
    }
}
