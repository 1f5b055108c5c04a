namespace Tenure.Predictive.Input;

/// <summary>
/// An input file broke a rule. <see cref="Exception.Message"/> reads <c>file:line: column: rule</c>
/// (the same shape as Tenure's ingest errors) so a command can print it as is; line 0 means the file
/// as a whole (for example an empty file), and an empty column means the row as a whole.
/// </summary>
public sealed class PredictiveInputException : Exception
{
    public PredictiveInputException(string file, int line, string? column, string rule)
        : base(Format(file, line, column, rule))
    {
        File = file;
        Line = line;
        Column = column;
        Rule = rule;
    }

    public string File { get; }

    /// <summary>1-based line in the file; 0 for the file as a whole.</summary>
    public int Line { get; }

    public string? Column { get; }

    public string Rule { get; }

    private static string Format(string file, int line, string? column, string rule)
    {
        var where = line > 0 ? $"{file}:{line}" : file;
        return string.IsNullOrEmpty(column) ? $"{where}: {rule}" : $"{where}: {column}: {rule}";
    }
}
