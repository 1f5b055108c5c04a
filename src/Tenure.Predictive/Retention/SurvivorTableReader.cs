using System.Globalization;

using Tenure.Predictive.Input;

namespace Tenure.Predictive.Retention;

/// <summary>
/// Reads a survivors table: a header, then one row per period (0, 1, 2, ...); the first column is
/// the period, every other column a cohort whose row-0 value is its size and whose later values are
/// the customers still active after that many periods. A blank cell ends that cohort's observations
/// (a younger cohort has fewer periods).
/// </summary>
public static class SurvivorTableReader
{
    /// <exception cref="PredictiveInputException">Empty file, no cohort column, a bad or non-consecutive period, a bad count, or counts that increase.</exception>
    public static IReadOnlyList<CohortSurvivors> Read(string path)
    {
        var table = DelimitedTable.Read(path, hasHeader: true);
        var header = table.Header!;
        if (header.Count < 2)
            throw new PredictiveInputException(table.File, 1, null, "missing column: expected a period column and at least one cohort column");
        if (table.Rows.Count == 0)
            throw new PredictiveInputException(table.File, 0, null, "the file holds no periods");

        var counts = new List<int>[header.Count - 1];
        var ended = new bool[header.Count - 1];
        for (var c = 0; c < counts.Length; c++)
            counts[c] = [];
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            var line = table.Lines[r];
            if (!int.TryParse(row[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var period))
                throw new PredictiveInputException(table.File, line, header[0], $"bad number '{row[0]}' (expected a whole period number)");
            if (period != r)
                throw new PredictiveInputException(table.File, line, header[0], $"periods must run 0, 1, 2, ... without gaps (expected {r}, found {period})");
            for (var c = 0; c < counts.Length; c++)
            {
                var text = c + 1 < row.Length ? row[c + 1] : "";
                if (text.Length == 0)
                {
                    if (r == 0)
                        throw new PredictiveInputException(table.File, line, header[c + 1], "the cohort size (period 0) is blank");
                    ended[c] = true;
                    continue;
                }
                if (ended[c])
                    throw new PredictiveInputException(table.File, line, header[c + 1], "a count follows a blank cell: a cohort's periods must be consecutive");
                if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 0)
                    throw new PredictiveInputException(table.File, line, header[c + 1], $"bad number '{text}' (expected a whole count of customers, 0 or more)");
                if (r == 0 && n == 0)
                    throw new PredictiveInputException(table.File, line, header[c + 1], "the cohort size (period 0) must be positive");
                if (r > 0 && n > counts[c][^1])
                    throw new PredictiveInputException(table.File, line, header[c + 1], $"survivors increase ({counts[c][^1]} -> {n}); the sBG model needs counts that never grow");
                counts[c].Add(n);
            }
        }
        return counts.Select((list, c) => new CohortSurvivors(header[c + 1], list)).ToArray();
    }
}
