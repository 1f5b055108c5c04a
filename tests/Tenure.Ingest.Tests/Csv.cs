namespace Tenure.Ingest.Tests;

/// <summary>Small helpers to write CSV text in tests and check errors by their printed form.</summary>
internal static class Csv
{
    /// <summary>The lines joined with LF, ending with one.</summary>
    public static TextReader Of(params string[] lines) => new StringReader(string.Join("\n", lines) + "\n");

    public static string[] Printed(IEnumerable<InputError> errors) => errors.Select(e => e.ToString()).ToArray();

    /// <summary>Asserts the result has no rows and exactly these errors ("file:line: column: message").</summary>
    public static void AssertErrors<T>(CsvReadResult<T> result, params string[] expected)
    {
        Assert.False(result.IsValid);
        Assert.Empty(result.Rows);
        Assert.Equal(expected, Printed(result.Errors));
    }

    public static IReadOnlyList<T> AssertValid<T>(CsvReadResult<T> result)
    {
        Assert.Equal([], Printed(result.Errors));
        Assert.True(result.IsValid);
        return result.Rows;
    }

    public static DateTime Utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, DateTimeKind.Utc);
}
