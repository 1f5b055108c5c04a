using Sylvan.Data.Csv;

using Tenure.Predictive.Input;

namespace Tenure.Predictive.Feedback;

/// <summary>
/// The comments of one column of a CSV file (comma-separated, header row, quoted fields may hold commas, quotes and
/// line breaks), one per data row in file order; an empty field is an empty comment (it stays in the list, so the
/// row numbers of the results are the file's data rows).
/// </summary>
public static class CommentFile
{
    /// <exception cref="PredictiveInputException">The file is empty or has no column <paramref name="column"/> (its header names are listed).</exception>
    public static IReadOnlyList<string> Read(string path, string column)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(column);
        var name = Path.GetFileName(path);
        using var reader = new StreamReader(path);
        using var csv = CsvDataReader.Create(reader, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',' });
        if (csv.FieldCount == 0 || (csv.FieldCount == 1 && string.IsNullOrWhiteSpace(csv.GetName(0))))
            throw new PredictiveInputException(name, 0, null, "the file is empty (expected a header row naming the columns)");
        var index = -1;
        for (var i = 0; i < csv.FieldCount; i++)
        {
            if (string.Equals(csv.GetName(i).Trim(), column.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                index = i;
                break;
            }
        }
        if (index < 0)
        {
            var columns = string.Join(", ", Enumerable.Range(0, csv.FieldCount).Select(csv.GetName));
            throw new PredictiveInputException(name, 1, column, $"no such column (the header has: {columns})");
        }
        var comments = new List<string>();
        while (csv.Read())
            comments.Add(index < csv.RowFieldCount ? csv.GetString(index) : "");
        return comments;
    }
}
