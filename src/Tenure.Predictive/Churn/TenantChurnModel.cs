using System.Globalization;

using Tenure.Metrics.Inputs;

namespace Tenure.Predictive.Churn;

/// <summary>
/// Churn risk from a tenant's own history: the feature builder (<see cref="ChurnFeatureBuilder"/>, features
/// as known at each snapshot, ADR 0013) makes one labelled row per customer per training snapshot
/// (<see cref="ChurnHistoryRule"/>), the default learner (<see cref="ChurnLearner.BinnedLogistic"/>) is trained
/// on them, and every customer at the as-of instant is scored with its three strongest drivers.
/// </summary>
public static class TenantChurnModel
{
    /// <summary>How many drivers each account gets.</summary>
    public const int DriversPerAccount = 3;

    /// <summary>
    /// Trains on the history before <paramref name="asOf"/> and scores every customer at it. Pure: the
    /// instant comes in. Deterministic for the same data, instant, rule and options.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="asOf"/> is not UTC.</exception>
    public static TenantChurnRisk Score(TenureDataSet data, DateTime asOf, ChurnHistoryRule? rule = null, ChurnTrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var index = ChurnFeatureIndex.Of(data);
        return Score(Train(index, asOf, rule, options), index);
    }

    /// <summary>
    /// Trains on the history before <paramref name="asOf"/> (one labelled row per customer per snapshot), or says why the
    /// history is too short. The model can then score any later data at the same instant (<see cref="Score(TrainedChurnModel, TenureDataSet)"/>):
    /// a server trains once a day and scores again with every new data version.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="asOf"/> is not UTC.</exception>
    public static TrainedChurnModel Train(TenureDataSet data, DateTime asOf, ChurnHistoryRule? rule = null, ChurnTrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Train(ChurnFeatureIndex.Of(data), asOf, rule, options);
    }

    private static TrainedChurnModel Train(ChurnFeatureIndex index, DateTime asOf, ChurnHistoryRule? rule, ChurnTrainerOptions? options)
    {
        var data = index.Data;
        if (asOf.Kind != DateTimeKind.Utc)
            throw new ArgumentException("The as-of instant must be UTC.", nameof(asOf));
        rule ??= new ChurnHistoryRule();
        options ??= new ChurnTrainerOptions();

        var months = HistoryMonths(data, asOf);
        var training = new List<ChurnFeatureRow>();
        IReadOnlyList<FeatureColumn>? columns = null;
        var snapshots = 0;
        var latest = asOf.AddDays(-rule.HorizonDays);
        for (var k = 0; k < rule.MaximumSnapshots; k++)
        {
            var set = ChurnFeatureBuilder.Build(index, latest.AddDays(-k * rule.SnapshotEveryDays), rule.HorizonDays);
            if (set.Rows.Count == 0)
                continue;
            columns ??= set.Columns;
            snapshots++;
            training.AddRange(set.Rows);
        }
        var churned = training.Where(r => r.Churned).Select(r => r.AccountId).Distinct(StringComparer.Ordinal).Count();
        var retained = training.Where(r => !r.Churned).Select(r => r.AccountId).Distinct(StringComparer.Ordinal).Count();
        var history = string.Create(CultureInfo.InvariantCulture, $"{months} {(months == 1 ? "month" : "months")} of history");
        string? tooShort = null;
        if (snapshots < rule.MinimumSnapshots)
            tooShort = string.Create(CultureInfo.InvariantCulture,
                $"only {snapshots} monthly {(snapshots == 1 ? "snapshot" : "snapshots")} with a finished {rule.HorizonDays}-day window in {history}; at least {rule.MinimumSnapshots} needed");
        else if (churned < rule.MinimumChurnedAccounts)
            tooShort = string.Create(CultureInfo.InvariantCulture,
                $"{(churned == 0 ? "no" : "only " + churned)} churned {(churned == 1 ? "account" : "accounts")} in {history}; at least {rule.MinimumChurnedAccounts} needed");
        else if (retained < rule.MinimumRetainedAccounts)
            tooShort = string.Create(CultureInfo.InvariantCulture,
                $"only {retained} retained {(retained == 1 ? "account" : "accounts")} in {history}; at least {rule.MinimumRetainedAccounts} needed");
        var model = tooShort is null ? ChurnTrainer.Train(ToTable(columns!, training, withLabels: true), ChurnFeatureSet.IdColumn, "churned", options) : null;
        return new TrainedChurnModel(asOf, rule.HorizonDays, tooShort, snapshots, training.Count, churned, months, model);
    }

    /// <summary>Every customer of <paramref name="data"/> at the model's instant, scored by it with its three strongest drivers (none when the history was too short).</summary>
    public static TenantChurnRisk Score(TrainedChurnModel trained, TenureDataSet data)
    {
        ArgumentNullException.ThrowIfNull(trained);
        ArgumentNullException.ThrowIfNull(data);
        return Score(trained, ChurnFeatureIndex.Of(data));
    }

    private static TenantChurnRisk Score(TrainedChurnModel trained, ChurnFeatureIndex index)
    {
        var (asOf, horizonDays, tooShort, snapshots, trainingRows, churned, months, model) = trained;
        if (model is null)
            return new TenantChurnRisk(asOf, horizonDays, tooShort, snapshots, trainingRows, churned, months, []);
        var current = ChurnFeatureBuilder.Build(index, asOf, horizonDays);
        var accounts = new List<AccountChurnRisk>(current.Rows.Count);
        if (current.Rows.Count > 0)
        {
            var table = ToTable(current.Columns, current.Rows, withLabels: false);
            var probabilities = model.Score(table);
            var contributions = model.Explain(table);
            var position = current.Columns.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
            for (var r = 0; r < current.Rows.Count; r++)
            {
                var row = current.Rows[r];
                var drivers = contributions is null ? [] : Drivers(table.Features, contributions[r], row, position);
                accounts.Add(new AccountChurnRisk(row.AccountId, probabilities[r], drivers));
            }
        }
        return new TenantChurnRisk(asOf, horizonDays, null, snapshots, trainingRows, churned, months, accounts);
    }

    /// <summary>The <see cref="DriversPerAccount"/> features with the largest |contribution|, largest first (ties by feature order).</summary>
    public static IReadOnlyList<ChurnDriver> Drivers(IReadOnlyList<FeatureColumn> features, IReadOnlyList<double> contributions, ChurnFeatureRow row, IReadOnlyDictionary<string, int> position)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(contributions);
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(position);
        return Enumerable.Range(0, features.Count)
            .Where(i => contributions[i] != 0)
            .OrderByDescending(i => Math.Abs(contributions[i]))
            .ThenBy(i => i)
            .Take(DriversPerAccount)
            .Select(i => new ChurnDriver(features[i].Name, ChurnDriverText.Of(features[i].Name, row.Values[position[features[i].Name]]), contributions[i]))
            .ToArray();
    }

    private static ChurnTable ToTable(IReadOnlyList<FeatureColumn> columns, IReadOnlyList<ChurnFeatureRow> rows, bool withLabels) =>
        ChurnTable.FromRows(
            rows.Select(r => r.AccountId).ToArray(),
            withLabels ? rows.Select(r => r.Churned).ToArray() : null,
            columns,
            rows.Select(r => r.Values.Select(v => v is double d && double.IsNaN(d) ? null : v).ToArray()).ToArray());

    /// <summary>Whole months from the earliest subscription start to <paramref name="asOf"/> (0 without subscriptions).</summary>
    private static int HistoryMonths(TenureDataSet data, DateTime asOf)
    {
        if (data.Subscriptions.Count == 0)
            return 0;
        var first = data.Subscriptions.Min(s => s.Start);
        if (first >= asOf)
            return 0;
        var months = ((asOf.Year - first.Year) * 12) + asOf.Month - first.Month;
        if (first.AddMonths(months) > asOf)
            months--;
        return Math.Max(0, months);
    }
}

/// <summary>
/// A churn model trained on a tenant's history before <paramref name="AsOf"/> (<see cref="TenantChurnModel.Train(TenureDataSet, DateTime, ChurnHistoryRule?, ChurnTrainerOptions?)"/>), with
/// what it was trained on; <paramref name="Model"/> is null and <paramref name="TooShort"/> says why when the history was too short.
/// </summary>
public sealed record TrainedChurnModel(
    DateTime AsOf, int HorizonDays, string? TooShort, int Snapshots, int TrainingRows, int ChurnedAccounts, int HistoryMonths, ChurnModel? Model);
