using System.Globalization;

using Tenure.Predictive.Input;

namespace Tenure.Predictive.Churn;

/// <summary>How a feature column is fed to the model.</summary>
public enum FeatureKind
{
    /// <summary>A number; a blank or text cell is a missing value.</summary>
    Numeric,

    /// <summary>A label such as a plan or a contract type, one-hot encoded; blank is its own value.</summary>
    Categorical,
}

/// <summary>A feature column as the model sees it.</summary>
public sealed record FeatureColumn(string Name, FeatureKind Kind);

/// <summary>
/// A table of accounts for the churn model, held by column: an id per row, an optional yes/no
/// label (churned or not) and the feature columns with their kind.
/// </summary>
public sealed class ChurnTable
{
    /// <summary>
    /// A text column is treated as numeric when at least this share of its non-blank cells parse
    /// as numbers; the rest become missing values.
    /// </summary>
    public const double NumericShare = 0.9;

    /// <summary>A categorical column with more distinct values than this share of rows (and more than 50) is an identifier, not a feature.</summary>
    public const double IdentifierShare = 0.5;

    private ChurnTable(string[] ids, bool[]? labels, IReadOnlyList<FeatureColumn> features, float[][] numeric, string[][] categorical, IReadOnlyList<string> ignored)
    {
        Ids = ids;
        Labels = labels;
        Features = features;
        NumericValues = numeric;
        CategoricalValues = categorical;
        IgnoredColumns = ignored;
    }

    public IReadOnlyList<string> Ids { get; }

    /// <summary>True for a churned account; null when the table was read without a label.</summary>
    public IReadOnlyList<bool>? Labels { get; }

    /// <summary>The feature columns, numeric ones first, then categorical ones, each in file order.</summary>
    public IReadOnlyList<FeatureColumn> Features { get; }

    /// <summary>Values of the numeric features, one array per numeric column (NaN = missing).</summary>
    internal float[][] NumericValues { get; }

    /// <summary>Values of the categorical features, one array per categorical column.</summary>
    internal string[][] CategoricalValues { get; }

    /// <summary>Columns left out: too many distinct text values to be a category (identifier-like).</summary>
    public IReadOnlyList<string> IgnoredColumns { get; }

    public int RowCount => Ids.Count;

    /// <summary>
    /// Reads a CSV for training or evaluation: every column except the id, the label and the
    /// <paramref name="exclude"/>d ones is a feature whose kind is inferred from its cells.
    /// </summary>
    /// <exception cref="PredictiveInputException">Empty file, missing id/label/excluded column, blank id, or a label that is not yes/no, true/false, 1/0.</exception>
    public static ChurnTable ReadForTraining(string path, string idColumn, string labelColumn, IReadOnlyCollection<string> exclude)
    {
        var table = ReadCsv(path);
        var id = table.ColumnIndex(idColumn, "id");
        var label = table.ColumnIndex(labelColumn, "label");
        var skip = new HashSet<int> { id, label };
        foreach (var e in exclude)
            skip.Add(table.ColumnIndex(e, "excluded"));
        var columns = new List<(FeatureColumn Column, int Index)>();
        var ignored = new List<string>();
        for (var i = 0; i < table.Header!.Count; i++)
        {
            if (skip.Contains(i))
                continue;
            var kind = InferKind(table, i, out var identifierLike);
            if (identifierLike)
                ignored.Add(table.Header[i]);
            else
                columns.Add((new FeatureColumn(table.Header[i], kind), i));
        }
        return Build(table, id, label, columns, ignored);
    }

    /// <summary>Reads a CSV for scoring with the feature columns a model was trained on.</summary>
    /// <exception cref="PredictiveInputException">Empty file, or a missing id or feature column, or a blank id.</exception>
    public static ChurnTable ReadForScoring(string path, string idColumn, IReadOnlyList<FeatureColumn> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var table = ReadCsv(path);
        var id = table.ColumnIndex(idColumn, "id");
        var columns = features.Select(f => (f, ExactColumn(table, f.Name))).ToList();
        return Build(table, id, null, columns, []);
    }

    /// <summary>Builds a table from values in memory (the feature builder's output, tests).</summary>
    public static ChurnTable FromRows(IReadOnlyList<string> ids, IReadOnlyList<bool>? labels, IReadOnlyList<FeatureColumn> features, IReadOnlyList<object?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(features);
        var ordered = features.Select((f, i) => (f, i)).OrderBy(p => p.f.Kind).ToArray();
        var numeric = ordered.Where(p => p.f.Kind == FeatureKind.Numeric)
            .Select(p => rows.Select(r => r[p.i] is null ? float.NaN : Convert.ToSingle(r[p.i], CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var categorical = ordered.Where(p => p.f.Kind == FeatureKind.Categorical)
            .Select(p => rows.Select(r => Convert.ToString(r[p.i], CultureInfo.InvariantCulture) ?? "").ToArray()).ToArray();
        return new ChurnTable([.. ids], labels?.ToArray(), ordered.Select(p => p.f).ToArray(), numeric, categorical, []);
    }

    /// <summary>The rows at <paramref name="rows"/>, in that order.</summary>
    public ChurnTable Subset(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new ChurnTable(
            rows.Select(r => Ids[r]).ToArray(),
            Labels is null ? null : rows.Select(r => Labels[r]).ToArray(),
            Features,
            NumericValues.Select(col => rows.Select(r => col[r]).ToArray()).ToArray(),
            CategoricalValues.Select(col => rows.Select(r => col[r]).ToArray()).ToArray(),
            IgnoredColumns);
    }

    /// <summary>Parses a churn label: yes/no, true/false, 1/0 (also y/n, churned/retained), case-insensitive.</summary>
    public static bool TryParseLabel(string text, out bool churned)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "yes" or "y" or "true" or "1" or "churned":
                churned = true;
                return true;
            case "no" or "n" or "false" or "0" or "retained":
                churned = false;
                return true;
            default:
                churned = false;
                return false;
        }
    }

    private static DelimitedTable ReadCsv(string path)
    {
        var table = DelimitedTable.Read(path, hasHeader: true);
        if (table.Rows.Count == 0)
            throw new PredictiveInputException(table.File, 0, null, "the file holds a header but no rows");
        return table;
    }

    private static int ExactColumn(DelimitedTable table, string name)
    {
        for (var i = 0; i < table.Header!.Count; i++)
        {
            if (string.Equals(table.Header[i], name, StringComparison.OrdinalIgnoreCase))
                return i;
        }
        throw new PredictiveInputException(table.File, 1, name, "missing column: the model was trained with it");
    }

    private static FeatureKind InferKind(DelimitedTable table, int column, out bool identifierLike)
    {
        int nonBlank = 0, numbers = 0;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var cell = column < row.Length ? row[column] : "";
            if (cell.Length == 0)
                continue;
            nonBlank++;
            distinct.Add(cell);
            if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v))
                numbers++;
        }
        identifierLike = false;
        if (nonBlank > 0 && numbers >= NumericShare * nonBlank)
            return FeatureKind.Numeric;
        identifierLike = distinct.Count > 50 && distinct.Count > IdentifierShare * table.Rows.Count;
        return FeatureKind.Categorical;
    }

    private static ChurnTable Build(DelimitedTable table, int id, int? label, List<(FeatureColumn Column, int Index)> columns, IReadOnlyList<string> ignored)
    {
        var n = table.Rows.Count;
        var ids = new string[n];
        var labels = label is null ? null : new bool[n];
        var ordered = columns.OrderBy(c => c.Column.Kind).ToList();
        var numeric = ordered.Where(c => c.Column.Kind == FeatureKind.Numeric).Select(_ => new float[n]).ToArray();
        var categorical = ordered.Where(c => c.Column.Kind == FeatureKind.Categorical).Select(_ => new string[n]).ToArray();
        for (var r = 0; r < n; r++)
        {
            var row = table.Rows[r];
            var line = table.Lines[r];
            string Cell(int i) => i < row.Length ? row[i] : "";
            ids[r] = Cell(id);
            if (ids[r].Length == 0)
                throw new PredictiveInputException(table.File, line, table.Header![id], "the id is blank");
            if (labels is not null)
            {
                var text = Cell(label!.Value);
                if (!TryParseLabel(text, out labels[r]))
                    throw new PredictiveInputException(table.File, line, table.Header![label.Value],
                        text.Length == 0 ? "the label is blank (expected yes/no, true/false or 1/0)" : $"bad label '{text}' (expected yes/no, true/false or 1/0)");
            }
            int ni = 0, ci = 0;
            foreach (var (column, index) in ordered)
            {
                var cell = Cell(index);
                if (column.Kind == FeatureKind.Numeric)
                    numeric[ni++][r] = float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && float.IsFinite(v) ? v : float.NaN;
                else
                    categorical[ci++][r] = cell;
            }
        }
        return new ChurnTable(ids, labels, ordered.Select(c => c.Column).ToArray(), numeric, categorical, ignored);
    }
}
