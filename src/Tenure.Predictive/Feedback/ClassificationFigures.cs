namespace Tenure.Predictive.Feedback;

/// <summary>Precision, recall and F1 of one class.</summary>
public sealed record ClassFigures(string Label, int Actual, int Predicted, int Correct, double Precision, double Recall, double F1);

/// <summary>
/// Accuracy and macro-F1 of predicted against actual labels. Per class: precision = correct / predicted, recall =
/// correct / actual, F1 = 2 P R / (P + R); a ratio with a zero denominator counts as 0 (scikit-learn's convention).
/// Macro-F1 is the unweighted mean of the classes' F1, over the labels given to <see cref="Of"/>.
/// </summary>
public sealed record ClassificationFigures(int Count, double Accuracy, double MacroF1, IReadOnlyList<ClassFigures> Classes)
{
    public static ClassificationFigures Of<T>(IReadOnlyList<(T Actual, T Predicted)> pairs, IReadOnlyList<T> labels, Func<T, string> name)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(name);
        if (pairs.Count == 0)
            throw new ArgumentException("There is nothing to evaluate.", nameof(pairs));
        var comparer = EqualityComparer<T>.Default;
        var classes = labels.Select(label =>
        {
            var actual = pairs.Count(p => comparer.Equals(p.Actual, label));
            var predicted = pairs.Count(p => comparer.Equals(p.Predicted, label));
            var correct = pairs.Count(p => comparer.Equals(p.Actual, label) && comparer.Equals(p.Predicted, label));
            var precision = predicted == 0 ? 0 : correct / (double)predicted;
            var recall = actual == 0 ? 0 : correct / (double)actual;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            return new ClassFigures(name(label), actual, predicted, correct, precision, recall, f1);
        }).ToList();
        var accuracy = pairs.Count(p => comparer.Equals(p.Actual, p.Predicted)) / (double)pairs.Count;
        return new ClassificationFigures(pairs.Count, accuracy, classes.Average(c => c.F1), classes);
    }
}
