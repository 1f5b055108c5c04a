namespace Tenure.Metrics.Engine;

/// <summary>
/// The data holds figures too large to compute with (decimal arithmetic tops out at about 7.9 x 10^28):
/// a data error, not a fault of the program. The readers refuse rows over the input limits
/// (ADR 0080), so this is what data stored before those limits, or written around the readers,
/// turns into. Surfaces show <see cref="Exception.Message"/> as is: the CLI exits 2, the API answers a
/// 422 ProblemDetails, a dashboard shows an error panel.
/// </summary>
public sealed class DataOverflowException : Exception
{
    public DataOverflowException(string? metrics, string? row, Exception innerException)
        : base(MessageFor(metrics, row), innerException)
    {
        Metrics = metrics;
        Row = row;
    }

    /// <summary>The metric or metrics being computed ("mrr, new-mrr"), or null when the overflow came from a single row's figure.</summary>
    public string? Metrics { get; }

    /// <summary>The row whose figures overflow ("subscription S1 of account A1"), or null when only a sum overflowed.</summary>
    public string? Row { get; }

    /// <summary>The same error with the metrics being computed named (a row's overflow inside a metric).</summary>
    public DataOverflowException InMetrics(string metrics) =>
        Metrics is null ? new DataOverflowException(metrics, Row, InnerException ?? this) : this;

    private static string MessageFor(string? metrics, string? row)
    {
        var what = metrics is null ? "compute with" : $"compute {metrics}";
        var where = row is null ? "a sum of the stored figures" : row;
        return $"The data is too large to {what}: {where} overflows decimal arithmetic. " +
               "Correct the figures (input amounts above 1,000,000,000,000 and quantities above 10,000,000 are refused) and import them again.";
    }
}
