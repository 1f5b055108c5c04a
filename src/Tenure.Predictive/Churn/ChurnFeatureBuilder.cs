using System.Globalization;

using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Subscriptions;
using Tenure.Predictive.Accounts;

namespace Tenure.Predictive.Churn;

/// <summary>One account's features at the snapshot and whether it churned in the window after it.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Values">One value per <see cref="ChurnFeatureSet.Columns"/> entry: double (NaN = missing) or string.</param>
/// <param name="Churned">Not active at the close of [snapshot, snapshot + horizon).</param>
public sealed record ChurnFeatureRow(string AccountId, object[] Values, bool Churned);

/// <summary>The feature table of a snapshot: one row per account active at the snapshot.</summary>
public sealed record ChurnFeatureSet(DateTime Snapshot, int HorizonDays, IReadOnlyList<FeatureColumn> Columns, IReadOnlyList<ChurnFeatureRow> Rows)
{
    /// <summary>The id column written by <see cref="WriteCsv"/>.</summary>
    public const string IdColumn = "account_id";

    /// <summary>The label column written by <see cref="WriteCsv"/>: yes or no.</summary>
    public string LabelColumn => $"churned_within_{HorizonDays}d";

    /// <summary>The rows as a labelled <see cref="ChurnTable"/> for training or evaluation in memory.</summary>
    public ChurnTable ToTable() =>
        ChurnTable.FromRows(Rows.Select(r => r.AccountId).ToArray(), Rows.Select(r => r.Churned).ToArray(), Columns,
            Rows.Select(r => r.Values.Select(v => v is double d && double.IsNaN(d) ? null : v).ToArray()).ToArray());

    /// <summary>CSV with a header: account_id, the features (numbers invariant, missing blank), the label as yes/no.</summary>
    public void WriteCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(string.Join(',', new[] { IdColumn }.Concat(Columns.Select(c => c.Name)).Append(LabelColumn)));
        foreach (var row in Rows)
        {
            var cells = row.Values.Select(v => v switch
            {
                double d when double.IsNaN(d) => "",
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                string s => Quote(s),
                _ => "",
            });
            writer.WriteLine(string.Join(',', new[] { Quote(row.AccountId) }.Concat(cells).Append(row.Churned ? "yes" : "no")));
        }
    }

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}

/// <summary>
/// Turns Tenure's own inputs into a churn table for a snapshot instant: one row per account that is
/// an active customer at the snapshot (a paying period covers it), with features describing the
/// account as it was known at the snapshot, and the label "churned within the horizon" (default 90
/// days): the account is not active at the close of [snapshot, snapshot + horizon), i.e. just before
/// its end (METRICS.md "churned in P").
/// </summary>
/// <remarks>
/// No information from after the snapshot reaches a feature: subscription periods that start after
/// it are ignored and an end date after it is unknown (the period reads as open), except that a
/// <c>term</c> row's end is its contract length, agreed when it was signed, and sets its MRR and
/// renewal date; a usage day counts once it is over (day + 1 day &lt;= snapshot); tickets count as
/// created, responded, resolved or escalated only by what had happened before the snapshot (a ticket
/// resolved later is open at the snapshot, and its escalated flag and contacts are read only once it
/// is resolved); surveys count when submitted before it. Account attributes (segment, industry,
/// region, csm) are taken as they are in accounts.csv, which keeps no history.
/// </remarks>
public static class ChurnFeatureBuilder
{
    /// <summary>Builds the feature set. Feature columns of an input kind absent from the data set are left out.</summary>
    public static ChurnFeatureSet Build(TenureDataSet data, DateTime snapshot, int horizonDays = 90) =>
        Build(ChurnFeatureIndex.Of(data), snapshot, horizonDays);

    /// <summary>
    /// <see cref="Build(TenureDataSet, DateTime, int)"/> from the data already grouped by account: a model trained on a
    /// dozen monthly snapshots groups the rows once (<see cref="ChurnFeatureIndex.Of"/>), not once per snapshot.
    /// </summary>
    public static ChurnFeatureSet Build(ChurnFeatureIndex index, DateTime snapshot, int horizonDays = 90)
    {
        ArgumentNullException.ThrowIfNull(index);
        var data = index.Data;
        ArgumentOutOfRangeException.ThrowIfLessThan(horizonDays, 1);
        if (snapshot.Kind != DateTimeKind.Utc)
            throw new ArgumentException("The snapshot must be a UTC instant.", nameof(snapshot));
        var horizonEnd = snapshot.AddDays(horizonDays);

        var columns = new List<FeatureColumn>();
        void Add(string name, FeatureKind kind) => columns.Add(new FeatureColumn(name, kind));
        Add("plan", FeatureKind.Categorical);
        Add("billing_interval", FeatureKind.Categorical);
        Add("segment", FeatureKind.Categorical);
        Add("industry", FeatureKind.Categorical);
        Add("region", FeatureKind.Categorical);
        Add("tenure_days", FeatureKind.Numeric);
        Add("account_age_days", FeatureKind.Numeric);
        Add("mrr", FeatureKind.Numeric);
        Add("mrr_change_30d", FeatureKind.Numeric);
        Add("mrr_change_90d", FeatureKind.Numeric);
        Add("expansions_90d", FeatureKind.Numeric);
        Add("contractions_90d", FeatureKind.Numeric);
        Add("previous_churns", FeatureKind.Numeric);
        Add("days_to_renewal", FeatureKind.Numeric);
        var usage = data.Has(InputKind.Usage);
        if (usage)
        {
            Add("usage_events_30d", FeatureKind.Numeric);
            Add("usage_events_prev_30d", FeatureKind.Numeric);
            Add("usage_trend", FeatureKind.Numeric);
            Add("active_users_30d", FeatureKind.Numeric);
            Add("days_since_last_usage", FeatureKind.Numeric);
        }
        var tickets = data.Has(InputKind.Tickets);
        if (tickets)
        {
            Add("tickets_90d", FeatureKind.Numeric);
            Add("open_tickets", FeatureKind.Numeric);
            Add("escalated_tickets_90d", FeatureKind.Numeric);
            Add("mean_resolution_hours_90d", FeatureKind.Numeric);
        }
        var surveys = data.Has(InputKind.Surveys);
        if (surveys)
        {
            Add("last_nps", FeatureKind.Numeric);
            Add("nps_responses_365d", FeatureKind.Numeric);
            Add("satisfaction_180d", FeatureKind.Numeric);
        }

        var accounts = index.Accounts;
        var usageByAccount = usage ? index.UsageOf : null;
        var ticketsByAccount = tickets ? index.Tickets : null;
        var surveysByAccount = surveys ? index.Surveys : null;

        var rows = new List<ChurnFeatureRow>();
        foreach (var (accountId, periods) in index.PayingPeriods)
        {
            var known = PayingHistory.Spells(periods, snapshot);
            if (!PayingHistory.IsActive(known, snapshot))
                continue;
            var values = new List<object>(columns.Count);
            accounts.TryGetValue(accountId, out var account);
            var knownPeriods = periods.Where(p => p.Start <= snapshot).ToArray();
            var current = knownPeriods.Where(p => Covers(p, snapshot, snapshot)).OrderByDescending(p => NormalisedMrr.Of(p)).ThenByDescending(p => p.Start).First();

            values.Add(current.Plan ?? account?.Plan ?? "");
            values.Add(current.Interval.ToString().ToLowerInvariant());
            values.Add(account?.Segment ?? "");
            values.Add(account?.Industry ?? "");
            values.Add(account?.Region ?? "");
            values.Add((snapshot - known[0].Start).TotalDays);
            values.Add(account is not null && account.CreatedAt <= snapshot ? (snapshot - account.CreatedAt).TotalDays : double.NaN);
            var mrr = MrrAt(knownPeriods, snapshot, snapshot);
            values.Add(mrr);
            values.Add(mrr - MrrAt(knownPeriods, snapshot.AddDays(-30), snapshot));
            values.Add(mrr - MrrAt(knownPeriods, snapshot.AddDays(-90), snapshot));
            var (expansions, contractions) = Movements(knownPeriods, snapshot.AddDays(-90), snapshot);
            values.Add((double)expansions);
            values.Add((double)contractions);
            values.Add((double)(known.Count - 1));
            values.Add(DaysToRenewal(current, snapshot));

            if (usageByAccount is not null)
                AddUsage(values, usageByAccount(accountId), snapshot);
            if (ticketsByAccount is not null)
                AddTickets(values, ticketsByAccount[accountId], snapshot);
            if (surveysByAccount is not null)
                AddSurveys(values, surveysByAccount[accountId], snapshot);

            // The label uses everything, including what happened after the snapshot.
            var churned = !PayingHistory.IsActive(PayingHistory.Spells(periods), horizonEnd.AddTicks(-1));
            rows.Add(new ChurnFeatureRow(accountId, [.. values], churned));
        }
        return new ChurnFeatureSet(snapshot, horizonDays, columns, rows);
    }

    /// <summary>Whether a period, as known at <paramref name="knownAt"/>, covers <paramref name="instant"/>.</summary>
    private static bool Covers(SubscriptionPeriod p, DateTime instant, DateTime knownAt) =>
        p.Start <= instant && (p.End is not { } end || (end > knownAt && p.Interval != BillingInterval.Term) || end > instant);

    private static double MrrAt(IEnumerable<SubscriptionPeriod> known, DateTime instant, DateTime knownAt)
    {
        decimal total = 0;
        foreach (var p in known)
        {
            if (Covers(p, instant, knownAt))
                total += NormalisedMrr.Of(p);
        }
        return (double)total;
    }

    private static (int Expansions, int Contractions) Movements(SubscriptionPeriod[] known, DateTime from, DateTime knownAt)
    {
        var instants = known.Select(p => p.Start)
            .Concat(known.Where(p => p.End is { } e && e <= knownAt).Select(p => p.End!.Value))
            .Where(t => t > from && t <= knownAt)
            .Distinct()
            .Order();
        int expansions = 0, contractions = 0;
        foreach (var t in instants)
        {
            var before = MrrAt(known, t.AddTicks(-1), knownAt);
            var after = MrrAt(known, t, knownAt);
            if (before > 0 && after > before)
                expansions++;
            else if (after > 0 && after < before)
                contractions++;
        }
        return (expansions, contractions);
    }

    private static double DaysToRenewal(SubscriptionPeriod current, DateTime snapshot)
    {
        if (current.Interval == BillingInterval.Term)
            return current.End is { } end ? (end - snapshot).TotalDays : double.NaN;
        var next = current.Start;
        var step = 0;
        while (next <= snapshot)
        {
            step++;
            next = current.Interval switch
            {
                BillingInterval.Day => current.Start.AddDays(step),
                BillingInterval.Week => current.Start.AddDays(7 * step),
                BillingInterval.Month => current.Start.AddMonths(step),
                BillingInterval.Quarter => current.Start.AddMonths(3 * step),
                _ => current.Start.AddYears(step),
            };
        }
        return (next - snapshot).TotalDays;
    }

    private static void AddUsage(List<object> values, IEnumerable<UsageDay> days, DateTime snapshot)
    {
        double last30 = 0, previous30 = 0;
        var users = new HashSet<string>(StringComparer.Ordinal);
        DateTime? lastDay = null;
        foreach (var d in days)
        {
            if (d.Day.AddDays(1) > snapshot)
                continue; // the day is not over at the snapshot
            if (lastDay is null || d.Day > lastDay)
                lastDay = d.Day;
            if (d.Day >= snapshot.AddDays(-30))
            {
                last30 += d.Events;
                if (d.UserId is not null)
                    users.Add(d.UserId);
            }
            else if (d.Day >= snapshot.AddDays(-60))
            {
                previous30 += d.Events;
            }
        }
        values.Add(last30);
        values.Add(previous30);
        values.Add((last30 + 1) / (previous30 + 1));
        values.Add((double)users.Count);
        values.Add(lastDay is { } l ? (snapshot - l.AddDays(1)).TotalDays : double.NaN);
    }

    private static void AddTickets(List<object> values, IEnumerable<Ticket> tickets, DateTime snapshot)
    {
        var from = snapshot.AddDays(-90);
        double created = 0, open = 0, escalated = 0, resolutionHours = 0, resolved = 0;
        foreach (var t in tickets)
        {
            if (t.CreatedAt >= snapshot)
                continue;
            var resolvedBefore = t.ResolvedAt is { } r && r < snapshot;
            if (!resolvedBefore)
                open++;
            if (t.CreatedAt >= from)
            {
                created++;
                if (resolvedBefore && t.Escalated)
                    escalated++;
            }
            if (resolvedBefore && t.ResolvedAt >= from)
            {
                resolved++;
                resolutionHours += (t.ResolvedAt!.Value - t.CreatedAt).TotalHours;
            }
        }
        values.Add(created);
        values.Add(open);
        values.Add(escalated);
        values.Add(resolved > 0 ? resolutionHours / resolved : double.NaN);
    }

    private static void AddSurveys(List<object> values, IEnumerable<SurveyResponse> responses, DateTime snapshot)
    {
        SurveyResponse? lastNps = null;
        double npsCount = 0, satisfaction = 0, satisfactionCount = 0;
        foreach (var s in responses)
        {
            if (s.SubmittedAt >= snapshot)
                continue;
            if (s.Survey == "nps")
            {
                if (lastNps is null || s.SubmittedAt > lastNps.SubmittedAt)
                    lastNps = s;
                if (s.SubmittedAt >= snapshot.AddDays(-365))
                    npsCount++;
            }
            else if (s.Survey == "csat" && s.SubmittedAt >= snapshot.AddDays(-180))
            {
                // Scores on different scales compared as a share of the scale: 0 = lowest, 1 = highest.
                satisfaction += (s.Score - s.Scale.Min()) / (double)(s.Scale.Max() - s.Scale.Min());
                satisfactionCount++;
            }
        }
        values.Add(lastNps is null ? double.NaN : lastNps.Score);
        values.Add(npsCount);
        values.Add(satisfactionCount > 0 ? satisfaction / satisfactionCount : double.NaN);
    }
}

/// <summary>
/// A data set's rows grouped by account as <see cref="ChurnFeatureBuilder"/> reads them: the accounts by id, the paying
/// periods of each account (ordered by start; accounts by id, ordinal), and its usage days, tickets and survey answers.
/// Read-only once made; one index serves any number of snapshots. The paying periods are the data set's kept ones
/// (<see cref="PayingHistory.PayingPeriodsByAccount(TenureDataSet)"/>); the rest lives as long as the index.
/// </summary>
public sealed class ChurnFeatureIndex
{
    private readonly Lazy<Func<string, IReadOnlyList<UsageDay>>> usage;
    private readonly Lazy<ILookup<string, Ticket>> tickets;
    private readonly Lazy<ILookup<string, SurveyResponse>> surveys;

    private ChurnFeatureIndex(TenureDataSet data)
    {
        Data = data;
        Accounts = data.Accounts.GroupBy(a => a.AccountId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        PayingPeriods = PayingHistory.PayingPeriodsByAccount(data);
        // The engine's grouping of the data set, shared: a loaded tenant's usage table is viewed in place, not copied.
        usage = new Lazy<Func<string, IReadOnlyList<UsageDay>>>(() => DataSetDerivations.RowsOfAccount(data, data.Usage, InputKinds.Usage.AccountIdOf!));
        tickets = new Lazy<ILookup<string, Ticket>>(() => data.Tickets.ToLookup(t => t.AccountId, StringComparer.Ordinal));
        surveys = new Lazy<ILookup<string, SurveyResponse>>(() => data.Surveys.ToLookup(s => s.AccountId, StringComparer.Ordinal));
    }

    /// <summary>Groups <paramref name="data"/>'s rows by account (usage, tickets and surveys on first use).</summary>
    public static ChurnFeatureIndex Of(TenureDataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new ChurnFeatureIndex(data);
    }

    public TenureDataSet Data { get; }

    /// <summary>The first account record of each id.</summary>
    public IReadOnlyDictionary<string, Account> Accounts { get; }

    /// <summary>Each account's paying periods ordered by start, accounts in ordinal id order.</summary>
    public IReadOnlyList<KeyValuePair<string, List<SubscriptionPeriod>>> PayingPeriods { get; }

    /// <summary>Each account's usage days by account id (none for an id the data set does not name), in their order in the data set.</summary>
    public Func<string, IReadOnlyList<UsageDay>> UsageOf => usage.Value;

    public ILookup<string, Ticket> Tickets => tickets.Value;

    public ILookup<string, SurveyResponse> Surveys => surveys.Value;
}
