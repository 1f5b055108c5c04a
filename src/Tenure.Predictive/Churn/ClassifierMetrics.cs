namespace Tenure.Predictive.Churn;

/// <summary>One decile of predicted probability: how many rows, the mean prediction and the share that churned.</summary>
public readonly record struct CalibrationBin(int Decile, int Count, double MeanPredicted, double ObservedRate);

/// <summary>Ranking and probability-quality figures of churn predictions against what happened.</summary>
public static class ClassifierMetrics
{
    /// <summary>
    /// ROC AUC: the probability that a random churned account scores above a random retained one,
    /// ties counting one half (the Mann-Whitney statistic). Null without both classes.
    /// </summary>
    public static double? RocAuc(IReadOnlyList<float> scores, IReadOnlyList<bool> labels)
    {
        var order = Order(scores);
        long positives = labels.Count(l => l), negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0)
            return null;
        double rankSumPositives = 0;
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]])
                j++;
            var averageRank = ((i + j) / 2.0) + 1; // 1-based ranks, ties averaged
            for (var k = i; k <= j; k++)
            {
                if (labels[order[k]])
                    rankSumPositives += averageRank;
            }
            i = j + 1;
        }
        return (rankSumPositives - (positives * (positives + 1) / 2.0)) / (positives * (double)negatives);
    }

    /// <summary>
    /// Area under the precision-recall curve as average precision: the mean, over churned accounts,
    /// of the precision among all accounts scored at or above them (tied scores form one step).
    /// Null without a churned account.
    /// </summary>
    public static double? PrAuc(IReadOnlyList<float> scores, IReadOnlyList<bool> labels)
    {
        var positives = labels.Count(l => l);
        if (positives == 0)
            return null;
        var order = Order(scores);
        Array.Reverse(order);
        double sum = 0;
        int seen = 0, truePositives = 0;
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            var tiedPositives = 0;
            while (j < order.Length && scores[order[j]] == scores[order[i]])
            {
                if (labels[order[j]])
                    tiedPositives++;
                j++;
            }
            seen += j - i;
            truePositives += tiedPositives;
            sum += tiedPositives * (truePositives / (double)seen);
            i = j;
        }
        return sum / positives;
    }

    /// <summary>Mean log loss -[y ln p + (1 - y) ln(1 - p)] in nats, p clipped to [1e-15, 1 - 1e-15]. Null when empty.</summary>
    public static double? LogLoss(IReadOnlyList<float> scores, IReadOnlyList<bool> labels)
    {
        if (scores.Count == 0)
            return null;
        double total = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            var p = Math.Clamp(scores[i], 1e-15, 1 - 1e-15);
            total -= labels[i] ? Math.Log(p) : Math.Log(1 - p);
        }
        return total / scores.Count;
    }

    /// <summary>Brier score: the mean squared difference (p - y)^2, y = 1 for churned. 0 is perfect; always predicting the base rate r scores r(1 - r). Null when empty.</summary>
    public static double? Brier(IReadOnlyList<float> scores, IReadOnlyList<bool> labels)
    {
        if (scores.Count == 0)
            return null;
        double total = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            var error = scores[i] - (labels[i] ? 1.0 : 0.0);
            total += error * error;
        }
        return total / scores.Count;
    }

    /// <summary>
    /// Expected calibration error over the bins: the row-weighted mean of |mean predicted - observed rate|.
    /// 0 when every bin's predictions match what happened. Null without bins.
    /// </summary>
    public static double? CalibrationError(IReadOnlyList<CalibrationBin> bins)
    {
        ArgumentNullException.ThrowIfNull(bins);
        var rows = bins.Sum(b => b.Count);
        return rows == 0 ? null : bins.Sum(b => b.Count * Math.Abs(b.MeanPredicted - b.ObservedRate)) / rows;
    }

    /// <summary>
    /// Calibration by decile: rows sorted by predicted probability (ascending; ties by position)
    /// and cut into 10 groups as equal as possible; decile 1 holds the lowest predictions.
    /// </summary>
    public static IReadOnlyList<CalibrationBin> CalibrationByDecile(IReadOnlyList<float> scores, IReadOnlyList<bool> labels)
    {
        var order = Order(scores);
        var bins = new List<CalibrationBin>(10);
        for (var d = 0; d < 10; d++)
        {
            var from = (int)((long)order.Length * d / 10);
            var to = (int)((long)order.Length * (d + 1) / 10);
            if (to <= from)
                continue;
            double predicted = 0;
            var churned = 0;
            for (var i = from; i < to; i++)
            {
                predicted += scores[order[i]];
                if (labels[order[i]])
                    churned++;
            }
            bins.Add(new CalibrationBin(d + 1, to - from, predicted / (to - from), churned / (double)(to - from)));
        }
        return bins;
    }

    private static int[] Order(IReadOnlyList<float> scores)
    {
        var order = Enumerable.Range(0, scores.Count).ToArray();
        Array.Sort(order, (a, b) =>
        {
            var c = scores[a].CompareTo(scores[b]);
            return c != 0 ? c : a.CompareTo(b);
        });
        return order;
    }
}
