using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;
using Tenure.Metrics.Subscriptions;

namespace Tenure.Metrics.Drilldown;

/// <summary>The accounts behind a number for one period and segment, largest amount first (ties by account id).</summary>
public sealed record DrilldownResult(DrillDefinition Definition, Period Period, SegmentFilter Filter, IReadOnlyList<DrilledAccount> Accounts)
{
    public decimal TotalAmount => Accounts.Sum(a => a.Amount);

    public int TotalCount => Accounts.Sum(a => a.Count);

    /// <summary>The figure the list adds up to, which equals the metric card (see <see cref="DrillDefinition.AddsUp"/>).</summary>
    public decimal Total => Definition.AddsUp switch
    {
        DrillTotal.Accounts => Accounts.Count,
        DrillTotal.Amount => TotalAmount,
        _ => TotalCount,
    };
}

/// <summary>
/// Drill-down from a number to the accounts behind it, with the definitions the metric engine uses:
/// MRR movements and customer counts from <see cref="SubscriptionLedger.Changes"/> (so the amounts
/// add up exactly to the MRR cards), the backlog at the close of the period, NPS answers submitted
/// in it, and major cases created in it. The segment rules are the engine's: a record is in its
/// account's segment; a major case's impact is in the major ticket's segment. Pure: no I/O, no clock.
/// </summary>
public static class AccountDrilldown
{
    private const string Mrr = "MRR";

    /// <summary>Every drillable number.</summary>
    public static IReadOnlyList<DrillDefinition> Definitions { get; } =
    [
        new("customers", "Paying customers at the close", "customers", MetricUnit.Money, "Closing MRR", DrillTotal.Accounts),
        new("mrr", "MRR at the close, by account", "mrr", MetricUnit.Money, "Closing MRR", DrillTotal.Amount),
        new("arr", "ARR at the close, by account", "arr", MetricUnit.Money, "Closing ARR", DrillTotal.Amount),
        new("new-customers", "New customers", "new-customers", MetricUnit.Money, "New MRR", DrillTotal.Accounts),
        new("churned-customers", "Churned customers", "churned-customers", MetricUnit.Money, "Churned MRR", DrillTotal.Accounts),
        new("new-mrr", "New MRR", "new-mrr", MetricUnit.Money, "New MRR", DrillTotal.Amount),
        new("expansion-mrr", "Expansion MRR", "expansion-mrr", MetricUnit.Money, "Expansion MRR", DrillTotal.Amount),
        new("contraction-mrr", "Contraction MRR", "contraction-mrr", MetricUnit.Money, "Contraction MRR", DrillTotal.Amount),
        new("churned-mrr", "Churned MRR", "churned-mrr", MetricUnit.Money, "Churned MRR", DrillTotal.Amount),
        new("reactivation-mrr", "Reactivation MRR", "reactivation-mrr", MetricUnit.Money, "Reactivation MRR", DrillTotal.Amount),
        new("new-arr", "New ARR", "new-arr", MetricUnit.Money, "New ARR", DrillTotal.Amount),
        new("expansion-arr", "Expansion ARR", "expansion-arr", MetricUnit.Money, "Expansion ARR", DrillTotal.Amount),
        new("contraction-arr", "Contraction ARR", "contraction-arr", MetricUnit.Money, "Contraction ARR", DrillTotal.Amount),
        new("churned-arr", "Churned ARR", "churned-arr", MetricUnit.Money, "Churned ARR", DrillTotal.Amount),
        new("upsells", "Upsells (expansion movements)", "upsells", MetricUnit.Money, "Expansion MRR", DrillTotal.Count) { CountName = "expansion movements" },
        new("downgrades", "Downgrades (contraction movements)", "downgrades", MetricUnit.Money, "Contraction MRR", DrillTotal.Count) { CountName = "contraction movements" },
        new("tickets", "Tickets created", "tickets", MetricUnit.Count, "Tickets", DrillTotal.Count),
        new("backlog", "Open backlog at the close", "backlog", MetricUnit.Count, "Open tickets", DrillTotal.Count),
        new("backlog-blocked", "Blocked open tickets at the close", "backlog", MetricUnit.Count, "Blocked tickets", DrillTotal.Count) { CardPart = "blocked" },
        new("backlog-unblocked", "Unblocked open tickets at the close", "backlog", MetricUnit.Count, "Unblocked tickets", DrillTotal.Count) { CardPart = "unblocked" },
        new("nps-promoters", "NPS promoters (9-10)", "nps", MetricUnit.Count, "Promoter answers", DrillTotal.Count) { CardPart = "promoters", WholeName = "NPS responses" },
        new("nps-detractors", "NPS detractors (0-6)", "nps", MetricUnit.Count, "Detractor answers", DrillTotal.Count) { CardPart = "detractors", WholeName = "NPS responses" },
        new("major-case-impact", "Customers impacted by a major case", "major-case-impact", MetricUnit.Count, "Major and child tickets", DrillTotal.Accounts),
        new("major-case-children", "Child cases of major cases", "major-case-children", MetricUnit.Count, "Child tickets", DrillTotal.Count),
    ];

    private static readonly Dictionary<string, DrillDefinition> byId = Definitions.ToDictionary(d => d.Id, StringComparer.Ordinal);

    public static bool TryGet(string id, out DrillDefinition definition) => byId.TryGetValue(id, out definition!);

    /// <summary>The drill ids whose card is <paramref name="metricId"/> ("nps" -> nps-promoters, nps-detractors).</summary>
    public static IReadOnlyList<DrillDefinition> ForMetric(string metricId) =>
        [.. Definitions.Where(d => d.MetricId == metricId)];

    /// <summary>The accounts behind <paramref name="drillId"/> in <paramref name="period"/> and the segment <paramref name="filter"/>.</summary>
    /// <param name="data">The data the card was computed from.</param>
    /// <param name="drillId">One of <see cref="Definitions"/>.</param>
    /// <param name="period">The card's period.</param>
    /// <param name="filter">The card's segment.</param>
    /// <param name="options">The card's options (the churn grace shapes every customer and MRR list); null: the defaults.</param>
    /// <exception cref="ArgumentException">An unknown drill id.</exception>
    public static DrilldownResult Drill(TenureDataSet data, string drillId, Period period, SegmentFilter filter, MetricOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(filter);
        if (!TryGet(drillId, out var definition))
            throw new ArgumentException($"'{drillId}' cannot be drilled into; one of: {string.Join(", ", byId.Keys)}.", nameof(drillId));

        var accounts = drillId switch
        {
            "tickets" or "backlog" or "backlog-blocked" or "backlog-unblocked" => Tickets(data, drillId, period, filter),
            "nps-promoters" or "nps-detractors" => NpsAnswers(data, drillId == "nps-promoters", period, filter),
            "major-case-impact" or "major-case-children" => MajorCases(data, drillId == "major-case-impact", period, filter),
            _ => Subscriptions(data, drillId, period, filter, (options ?? new MetricOptions()).ChurnGraceDays),
        };
        accounts.Sort((x, y) => y.Amount.CompareTo(x.Amount) is var c and not 0 ? c
            : y.Count.CompareTo(x.Count) is var n and not 0 ? n
            : string.CompareOrdinal(x.AccountId, y.AccountId));
        return new DrilldownResult(definition, period, filter, accounts);
    }

    /// <summary>Customer counts and MRR movements, per account, exactly as <see cref="SubscriptionLedger"/> tallies them.</summary>
    private static List<DrilledAccount> Subscriptions(TenureDataSet data, string drillId, Period period, SegmentFilter filter, int churnGraceDays)
    {
        var list = new List<DrilledAccount>();
        if (!data.Has(InputKind.Subscriptions)) return list;
        // The ledger's per-account figures depend only on the account's own periods, so a directory of
        // the accounts and subscriptions alone numbers them well enough (and skips scanning usage etc.).
        var directory = AccountDirectory.Build(new TenureDataSet { Accounts = data.Accounts, Subscriptions = data.Subscriptions, Present = data.Present });
        var coverage = SubscriptionCoverage.Build(directory, data.Subscriptions, churnGraceDays);
        var changes = new List<SubscriptionLedger.MrrChange>();
        var annual = drillId.EndsWith("-arr", StringComparison.Ordinal) || drillId == "arr";
        var ids = IdsOf(directory, data.Subscriptions);
        for (var a = 0; a < directory.Count; a++)
        {
            var account = directory.Accounts[a];
            if (!filter.Matches(account)) continue;
            SubscriptionLedger.Changes(coverage, a, changes);
            if (changes.Count == 0) continue;

            var closing = 0m;
            decimal newMrr = 0, reactivation = 0, expansion = 0, contraction = 0, churned = 0;
            int expansions = 0, contractions = 0, churns = 0, news = 0, reactivations = 0;
            var churnedInPeriod = false;
            foreach (var change in changes)
            {
                if (change.At >= period.End) break;
                closing = change.After;
                if (change.At < period.Start) continue;
                switch (change.Kind)
                {
                    case MrrMovementKind.New: newMrr += change.Amount; news++; break;
                    case MrrMovementKind.Reactivation: reactivation += change.Amount; reactivations++; break;
                    case MrrMovementKind.Expansion: expansion += change.Amount; expansions++; break;
                    case MrrMovementKind.Contraction: contraction += change.Amount; contractions++; break;
                    case MrrMovementKind.Churn: churned += change.Amount; churns++; churnedInPeriod = true; break;
                }
            }
            var isNew = coverage.FirstPayingStart[a] is { } first && period.Contains(first);
            var id = ids[a];
            DrilledAccount? row = drillId switch
            {
                "customers" or "mrr" or "arr" => closing > 0m ? new(id, closing, 1) : null,
                "new-customers" => isNew ? new(id, newMrr, 1) : null,
                "churned-customers" => churnedInPeriod && closing == 0m ? new(id, churned, churns) : null,
                "new-mrr" or "new-arr" => news > 0 ? new(id, newMrr, news) : null,
                "reactivation-mrr" => reactivations > 0 ? new(id, reactivation, reactivations) : null,
                "expansion-mrr" or "expansion-arr" or "upsells" => expansions > 0 ? new(id, expansion, expansions) : null,
                "contraction-mrr" or "contraction-arr" or "downgrades" => contractions > 0 ? new(id, contraction, contractions) : null,
                "churned-mrr" or "churned-arr" => churns > 0 ? new(id, churned, churns) : null,
                _ => null,
            };
            if (row is null) continue;
            list.Add(annual ? row with { Amount = 12m * row.Amount } : row);
        }
        return list;
    }

    /// <summary>Tickets created in the period, or open at its close (created before the end, not resolved before it), per account.</summary>
    private static List<DrilledAccount> Tickets(TenureDataSet data, string drillId, Period period, SegmentFilter filter)
    {
        var accounts = AccountsById(data);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!data.Has(InputKind.Tickets)) return [];
        foreach (var t in data.Tickets)
        {
            var counted = drillId switch
            {
                "tickets" => period.Contains(t.CreatedAt),
                "backlog" => IsOpenAtClose(t, period),
                "backlog-blocked" => t.Blocked && IsOpenAtClose(t, period),
                _ => !t.Blocked && IsOpenAtClose(t, period),
            };
            if (!counted || !filter.Matches(accounts.GetValueOrDefault(t.AccountId))) continue;
            counts[t.AccountId] = counts.GetValueOrDefault(t.AccountId) + 1;
        }
        return [.. counts.Select(kv => new DrilledAccount(kv.Key, kv.Value, kv.Value))];
    }

    /// <summary>The engine's backlog boundary: created before the end and not resolved before it.</summary>
    private static bool IsOpenAtClose(Ticket t, Period period) =>
        t.CreatedAt < period.End && (t.ResolvedAt is not { } resolved || resolved >= period.End);

    /// <summary>NPS answers on 0-10 submitted in the period: promoters 9-10 or detractors 0-6, per account.</summary>
    private static List<DrilledAccount> NpsAnswers(TenureDataSet data, bool promoters, Period period, SegmentFilter filter)
    {
        var accounts = AccountsById(data);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!data.Has(InputKind.Surveys)) return [];
        foreach (var s in data.Surveys)
        {
            if (!string.Equals(s.Survey, "nps", StringComparison.OrdinalIgnoreCase) || s.Scale != Scale.ZeroToTen || !period.Contains(s.SubmittedAt))
                continue;
            if (promoters ? s.Score < 9 : s.Score > 6) continue;
            if (!filter.Matches(accounts.GetValueOrDefault(s.AccountId))) continue;
            counts[s.AccountId] = counts.GetValueOrDefault(s.AccountId) + 1;
        }
        return [.. counts.Select(kv => new DrilledAccount(kv.Key, kv.Value, kv.Value))];
    }

    /// <summary>
    /// Major tickets created in the period (in the filter by the major ticket's account) and their child
    /// tickets (created at any time; with several filter parts, only those of accounts in the segment, as the filtered data holds): the impacted accounts, each with its major and child tickets;
    /// or, for the children, each child ticket's account with its child tickets.
    /// </summary>
    private static List<DrilledAccount> MajorCases(TenureDataSet data, bool impact, Period period, SegmentFilter filter)
    {
        var accounts = AccountsById(data);
        if (!data.Has(InputKind.Tickets)) return [];
        var majors = new HashSet<string>(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in data.Tickets)
        {
            if (!t.IsMajor || !period.Contains(t.CreatedAt) || !filter.Matches(accounts.GetValueOrDefault(t.AccountId))) continue;
            if (!majors.Add(t.TicketId)) continue;
            if (impact) counts[t.AccountId] = counts.GetValueOrDefault(t.AccountId) + 1;
        }
        // Split by one attribute, the engine counts every child in its major ticket's segment; over data narrowed to
        // several attributes at once (SegmentFilter.Apply) only the children of accounts in the segment are there.
        var childrenInSegmentOnly = filter.Parts.Count > 1;
        foreach (var t in data.Tickets)
        {
            if (t.ParentTicketId is not { } parent || !majors.Contains(parent)) continue;
            if (childrenInSegmentOnly && !filter.Matches(accounts.GetValueOrDefault(t.AccountId))) continue;
            counts[t.AccountId] = counts.GetValueOrDefault(t.AccountId) + 1;
        }
        return [.. counts.Select(kv => new DrilledAccount(kv.Key, kv.Value, kv.Value))];
    }

    private static Dictionary<string, Account> AccountsById(TenureDataSet data)
    {
        var byId = new Dictionary<string, Account>(data.Accounts.Count, StringComparer.Ordinal);
        foreach (var a in data.Accounts) byId.TryAdd(a.AccountId, a);
        return byId;
    }

    /// <summary>The account id of each directory index (accounts.csv ids, then those seen only in subscriptions.csv).</summary>
    private static string[] IdsOf(AccountDirectory directory, IReadOnlyList<SubscriptionPeriod> subscriptions)
    {
        var ids = new string[directory.Count];
        for (var a = 0; a < directory.Count; a++)
            ids[a] = directory.Accounts[a]?.AccountId ?? "";
        foreach (var s in subscriptions)
        {
            var a = directory.IndexOf(s.AccountId);
            if (a >= 0 && ids[a].Length == 0) ids[a] = s.AccountId;
        }
        return ids;
    }
}
