namespace Tenure.Storage.Schema;

/// <summary>A column of a stored table (besides tenant_id, which every table has first).</summary>
internal sealed record TableColumn(string Name, ColumnType Type, bool Nullable = false)
{
    public static TableColumn Text(string name) => new(name, ColumnType.Text);
    public static TableColumn OptionalText(string name) => new(name, ColumnType.Text, true);
    public static TableColumn Instant(string name) => new(name, ColumnType.Instant);
    public static TableColumn OptionalInstant(string name) => new(name, ColumnType.Instant, true);
    public static TableColumn Decimal(string name) => new(name, ColumnType.Decimal);
    public static TableColumn OptionalDecimal(string name) => new(name, ColumnType.Decimal, true);
    public static TableColumn Integer(string name) => new(name, ColumnType.Integer);
    public static TableColumn OptionalInteger(string name) => new(name, ColumnType.Integer, true);
    public static TableColumn Boolean(string name) => new(name, ColumnType.Boolean);
}
