using System.Globalization;

using Tenure.Predictive.Input;

namespace Tenure.Predictive.Clv;

/// <summary>Which columns of a transaction log hold the customer, the date and the amount, and how dates are written.</summary>
/// <param name="CustomerColumn">Header name, or a 1-based column number.</param>
/// <param name="DateColumn">Header name, or a 1-based column number.</param>
/// <param name="AmountColumn">Header name, or a 1-based column number.</param>
/// <param name="DateFormat">A .NET exact date format such as yyyyMMdd; null for ISO-8601 (yyyy-MM-dd, a time part allowed).</param>
public sealed record TransactionLogLayout(string CustomerColumn, string DateColumn, string AmountColumn, string? DateFormat = null);

/// <summary>
/// Reads a purchase log (CSV, tab- or space-separated) into <see cref="Transaction"/>s. When every
/// column is given by header name the first row is the header; when columns are given by number,
/// the first row is taken as a header only if neither its date nor its amount parses (so the CDNOW
/// logs read with or without their header line). Amounts are invariant-culture decimal numbers, zero
/// or more.
/// </summary>
public static class TransactionLogReader
{
    /// <exception cref="PredictiveInputException">Empty file, missing column, bad date or bad amount; the message names file, line and column.</exception>
    public static IReadOnlyList<Transaction> Read(string path, TransactionLogLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var byName = !IsPosition(layout.CustomerColumn) || !IsPosition(layout.DateColumn) || !IsPosition(layout.AmountColumn);
        var table = DelimitedTable.Read(path, hasHeader: byName);
        var customer = table.ColumnIndex(layout.CustomerColumn, "customer");
        var date = table.ColumnIndex(layout.DateColumn, "date");
        var amount = table.ColumnIndex(layout.AmountColumn, "amount");

        var result = new List<Transaction>(table.Rows.Count);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            var line = table.Lines[r];
            if (!byName && r == 0 && row.Length > Math.Max(date, amount)
                && !TryParseDate(row[date], layout.DateFormat, out _) && !TryParseAmount(row[amount], out _))
                continue; // a header line
            var needed = Math.Max(customer, Math.Max(date, amount));
            if (row.Length <= needed)
                throw new PredictiveInputException(table.File, line, ColumnName(table, needed, layout),
                    $"missing column: the row has {row.Length} fields, column {needed + 1} is needed");
            if (row[customer].Length == 0)
                throw new PredictiveInputException(table.File, line, ColumnName(table, customer, layout), "customer is blank");
            if (!TryParseDate(row[date], layout.DateFormat, out var day))
                throw new PredictiveInputException(table.File, line, ColumnName(table, date, layout),
                    $"bad date '{row[date]}' (expected {layout.DateFormat ?? "ISO-8601 yyyy-MM-dd"})");
            if (!TryParseAmount(row[amount], out var value))
                throw new PredictiveInputException(table.File, line, ColumnName(table, amount, layout),
                    $"bad number '{row[amount]}' (expected a decimal number such as 12.50)");
            if (value < 0)
                throw new PredictiveInputException(table.File, line, ColumnName(table, amount, layout),
                    $"negative amount {row[amount]}: the spend model needs purchases of zero or more (leave refunds out)");
            result.Add(new Transaction(row[customer], day, value));
        }
        if (result.Count == 0)
            throw new PredictiveInputException(table.File, 0, null, "the file holds no transactions");
        return result;
    }

    private static bool IsPosition(string column) =>
        int.TryParse(column, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1;

    private static string ColumnName(DelimitedTable table, int index, TransactionLogLayout layout) =>
        table.Header is not null && index < table.Header.Count ? table.Header[index] : $"column {index + 1}";

    private static bool TryParseAmount(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static bool TryParseDate(string text, string? format, out DateOnly date)
    {
        if (format is not null)
        {
            if (DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var exact))
            {
                date = DateOnly.FromDateTime(exact);
                return true;
            }
            date = default;
            return false;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            return true;
        if (text.Length > 10 && text[4] == '-' && text[7] == '-'
            && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var instant))
        {
            date = DateOnly.FromDateTime(instant);
            return true;
        }
        return false;
    }
}
