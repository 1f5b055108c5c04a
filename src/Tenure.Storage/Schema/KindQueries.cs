namespace Tenure.Storage.Schema;

/// <summary>SQL shared by both providers' load paths .</summary>
internal static class KindQueries
{
    /// <summary>The tenant's rows of the table, every column but tenant_id, in key order; the tenant is the one parameter.</summary>
    public static string SelectAll(KindTable table, string tenantParameter)
    {
        var columns = string.Join(", ", table.Columns.Select(c => Quote(c.Name)));
        var key = string.Join(", ", table.KeyColumns.Select(c => Quote(c.Name)));
        return $"SELECT {columns} FROM {table.Name} WHERE tenant_id = {tenantParameter} ORDER BY {key}";
    }

    public static string Quote(string name) => "\"" + name + "\"";
}
