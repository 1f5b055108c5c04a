using Microsoft.ML;
using Microsoft.ML.Data;

namespace Tenure.Predictive.Churn;

/// <summary>
/// A <see cref="ChurnTable"/> as an ML.NET <see cref="IDataView"/>: a Boolean "Label" (when the
/// table has labels), one Single column per numeric feature and one text column per categorical
/// feature, named by <see cref="ColumnName"/> so that any header text is a safe column name.
/// </summary>
internal sealed class ChurnDataView : IDataView
{
    public const string LabelColumn = "Label";

    private readonly ChurnTable table;

    public ChurnDataView(ChurnTable table, bool withLabel)
    {
        this.table = table;
        var builder = new DataViewSchema.Builder();
        if (withLabel)
            builder.AddColumn(LabelColumn, BooleanDataViewType.Instance);
        for (var i = 0; i < table.NumericValues.Length; i++)
            builder.AddColumn(ColumnName(FeatureKind.Numeric, i), NumberDataViewType.Single);
        for (var i = 0; i < table.CategoricalValues.Length; i++)
            builder.AddColumn(ColumnName(FeatureKind.Categorical, i), TextDataViewType.Instance);
        Schema = builder.ToSchema();
        HasLabel = withLabel;
    }

    public bool HasLabel { get; }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    /// <summary>The model's internal name of the i-th numeric or categorical feature.</summary>
    public static string ColumnName(FeatureKind kind, int index) => kind == FeatureKind.Numeric ? $"num{index}" : $"cat{index}";

    public long? GetRowCount() => table.RowCount;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly ChurnDataView view;
        private readonly bool[] active;
        private long position = -1;

        public Cursor(ChurnDataView view, IEnumerable<DataViewSchema.Column> columnsNeeded)
        {
            this.view = view;
            active = new bool[view.Schema.Count];
            foreach (var c in columnsNeeded)
                active[c.Index] = true;
        }

        public override long Position => position;

        public override long Batch => 0;

        public override DataViewSchema Schema => view.Schema;

        public override bool MoveNext()
        {
            if (position + 1 >= view.table.RowCount)
            {
                position = view.table.RowCount;
                return false;
            }
            position++;
            return true;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId value) => value = new DataViewRowId((ulong)position, 0);

        public override bool IsColumnActive(DataViewSchema.Column column) => active[column.Index];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var index = column.Index;
            var table = view.table;
            if (view.HasLabel)
            {
                if (index == 0)
                {
                    ValueGetter<bool> label = (ref bool value) => value = table.Labels![(int)position];
                    return (ValueGetter<TValue>)(Delegate)label;
                }
                index--;
            }
            if (index < table.NumericValues.Length)
            {
                var values = table.NumericValues[index];
                ValueGetter<float> number = (ref float value) => value = values[(int)position];
                return (ValueGetter<TValue>)(Delegate)number;
            }
            var texts = table.CategoricalValues[index - table.NumericValues.Length];
            ValueGetter<ReadOnlyMemory<char>> text = (ref ReadOnlyMemory<char> value) => value = texts[(int)position].AsMemory();
            return (ValueGetter<TValue>)(Delegate)text;
        }
    }
}
