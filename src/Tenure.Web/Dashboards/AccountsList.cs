using System.Globalization;

using Tenure.Metrics.Accounts;
using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Drilldown;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Health;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;
using Tenure.Metrics.Reporting;

namespace Tenure.Web.Dashboards;

/// <summary>The accounts list's filters, sort and page, read from the query string.</summary>
public sealed record AccountsQuery(
    SegmentFilter Filter,
    string? Text,
    decimal? MrrMin,
    decimal? MrrMax,
    DateTime? RenewalBefore,
    string? Nps,
    int? OpenTicketsMin,
    string? Band,
    string Sort,
    int Page,
    string? Drill,
    Period? DrillPeriod)
{
    public const int PageSize = 50;

    public static readonly IReadOnlyList<string> SortKeys = ["name", "csm", "plan", "segment", "industry", "mrr", "renewal", "nps", "open_tickets", "score", "band", "paid_until", "last_touch"];

    /// <summary>The band filter's values: a health band, or <c>none</c> for accounts without a score (not customers today, or no factor present).</summary>
    public static readonly IReadOnlyList<string> BandKeys = ["green", "yellow", "red", "none"];

    /// <summary>Reads the query string; a missing csm filter falls back to <paramref name="defaultCsm"/> (a CSM's own book) unless csm=* asks for everyone.</summary>
    public static AccountsQuery Parse(Func<string, string?> get, string? defaultCsm)
    {
        ArgumentNullException.ThrowIfNull(get);
        var csm = DashboardQuery.Clean(get("csm"));
        csm = csm == "*" ? null : csm ?? defaultCsm;
        var filter = new SegmentFilter(csm, DashboardQuery.Clean(get("plan")), DashboardQuery.Clean(get("segment")), DashboardQuery.Clean(get("industry")), DashboardQuery.Clean(get("region")));
        var sort = DashboardQuery.Clean(get("sort")) ?? "name";
        if (!SortKeys.Contains(sort.TrimStart('-'))) sort = "name";
        var page = int.TryParse(get("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        var drill = DashboardQuery.Clean(get("drill"));
        Period? drillPeriod = null;
        if (drill is not null && DashboardQuery.TryDate(DashboardQuery.Clean(get("from")), out var from) && DashboardQuery.TryDate(DashboardQuery.Clean(get("to")), out var to) && to > from)
            drillPeriod = new Period(from, to, Granularity.Range);
        return new AccountsQuery(
            filter,
            DashboardQuery.Clean(get("q")),
            Money(get("mrr_min")),
            Money(get("mrr_max")),
            DashboardQuery.TryDate(DashboardQuery.Clean(get("renewal_before")), out var renewal) ? renewal : null,
            DashboardQuery.Clean(get("nps")) is "promoter" or "passive" or "detractor" or "none" ? get("nps")!.Trim() : null,
            int.TryParse(get("open_tickets_min"), NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : null,
            DashboardQuery.Clean(get("band"))?.ToLowerInvariant() is { } band && BandKeys.Contains(band) ? band : null,
            sort,
            page,
            drill,
            drillPeriod);
    }

    private static decimal? Money(string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>The query string with some parameters replaced (null removes one): for sort links and pages.</summary>
    public string With(params (string Key, string? Value)[] overrides)
    {
        var pairs = new List<(string Key, string? Value)>
        {
            ("csm", Filter.Csm ?? "*"), ("plan", Filter.Plan), ("segment", Filter.Segment), ("industry", Filter.Industry), ("region", Filter.Region),
            ("q", Text), ("mrr_min", MrrMin?.ToString(CultureInfo.InvariantCulture)), ("mrr_max", MrrMax?.ToString(CultureInfo.InvariantCulture)),
            ("renewal_before", RenewalBefore is { } r ? DashboardQuery.Date(r) : null), ("nps", Nps),
            ("open_tickets_min", OpenTicketsMin?.ToString(CultureInfo.InvariantCulture)), ("band", Band), ("sort", Sort == "name" ? null : Sort),
            ("page", Page == 1 ? null : Page.ToString(CultureInfo.InvariantCulture)),
            ("drill", Drill), ("from", DrillPeriod is { } d1 ? DashboardQuery.Date(d1.Start) : null), ("to", DrillPeriod is { } d2 ? DashboardQuery.Date(d2.End) : null),
        };
        foreach (var (key, value) in overrides)
        {
            var i = pairs.FindIndex(p => p.Key == key);
            if (i >= 0) pairs[i] = (key, value);
            else pairs.Add((key, value));
        }
        return string.Join('&', pairs.Where(p => p.Value is not null).Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value!)));
    }

    public string CacheKey => With();

    /// <summary>The list's filters as the shared account query (case-insensitive, as the API's).</summary>
    public AccountCriteria Criteria => new(Filter.Csm, Filter.Plan, Filter.Segment, Filter.Industry, Filter.Region, Text);
}

/// <summary>
/// A row of the accounts list: the account and its figures (<see cref="AccountSummary"/>), its health today
/// (<see cref="Health"/>, null when it is not a customer today; the dates it implies in <see cref="PaidUntil"/> and
/// <see cref="LastTouch"/>), plus the drilled amount in drill mode.
/// </summary>
public sealed record AccountRow(AccountSummary Summary, decimal? DrillAmount = null, int? DrillCount = null, AccountHealth? Health = null, DateTime? PaidUntil = null, DateTime? LastTouch = null)
{
    /// <summary>The sort rank of the band: red 0, yellow 1, green 2, no score 3 (so the riskiest come first).</summary>
    public int BandRank => Health?.Band switch { HealthBand.Red => 0, HealthBand.Yellow => 1, HealthBand.Green => 2, _ => 3 };
}

/// <summary>How a drilled list's total compares with the card: equal, different, or not compared (the card has no figure of the same kind).</summary>
public enum DrillCheck { Matches, Differs, NotCompared }

/// <summary>
/// A drill-down shown above the list: what the whole list sums to, in words (<paramref name="Statement"/>:
/// "4 detractor answers of 52 NPS responses"), the card's figure of the same kind it was checked against
/// (<paramref name="CardFigure"/>: "detractors on the card: 4"), the outcome, and the card itself
/// (<paramref name="CardValue"/>: "Net Promoter Score 30.4").
/// </summary>
public sealed record DrillSummary(DrillDefinition Definition, Period Period, string Total, string Statement, string? CardFigure, string CardValue, DrillCheck Check, string? Unavailable)
{
    /// <summary>True only when the list was compared with a figure of the same kind and equals it.</summary>
    public bool AddsUp => Check == DrillCheck.Matches;
}

/// <summary>The accounts page: one page of rows, the total count, the filter choices and, in drill mode, the drill summary.</summary>
public sealed record AccountsListModel(
    AccountsQuery Query,
    IReadOnlyList<AccountRow> Rows,
    int Total,
    DateTime AsOf,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Choices,
    DrillSummary? Drill,
    string? Error,
    DateTime? HealthAt = null);

public static class AccountsList
{
    /// <summary>Every account's figures at <paramref name="asOf"/> (cached per data version by the caller).</summary>
    public static IReadOnlyList<AccountSummary> Summaries(AccountBook book, DateTime asOf)
    {
        ArgumentNullException.ThrowIfNull(book);
        var summaries = new AccountSummary[book.Count];
        Parallel.For(0, book.Count, i => summaries[i] = book.Accounts[i].SummaryAt(asOf));
        return summaries;
    }

    /// <summary>The distinct values of each filter attribute, for the filter drop-downs.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Choices(TenureDataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        IReadOnlyList<string> Of(Func<Account, string?> attribute) =>
            [.. data.Accounts.Select(attribute).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).Distinct(StringComparer.Ordinal).Order(StringComparer.OrdinalIgnoreCase)];
        return new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["csm"] = Of(a => a.Csm),
            ["plan"] = Of(a => a.Plan),
            ["segment"] = Of(a => a.Segment),
            ["industry"] = Of(a => a.Industry),
            ["region"] = Of(a => a.Region),
        };
    }

    /// <summary>
    /// The page: in drill mode the accounts behind the number (segment rules of the engine, computed with
    /// <paramref name="options"/>, the workspace's churn grace, as the card was), otherwise the accounts meeting the
    /// query's <see cref="AccountCriteria"/> (the API's query, case-insensitive) and its figure filters; either way
    /// only accounts in <paramref name="scope"/> (null: every account). <paramref name="health"/> (the workspace's
    /// health today) fills the health columns and the band filter; without it they are empty. <paramref name="pageSize"/>:
    /// rows per page (the exports take every row on one page).
    /// </summary>
    public static AccountsListModel Build(TenureDataSet data, IReadOnlyList<AccountSummary> summaries, AccountsQuery query, DateTime asOf, IReadOnlyDictionary<string, IReadOnlyList<string>> choices, MetricOptions? options = null, AccountScope? scope = null, HealthBoard? health = null, int pageSize = AccountsQuery.PageSize)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(summaries);
        ArgumentNullException.ThrowIfNull(query);
        string? error = null;
        DrillSummary? drill = null;
        Dictionary<string, DrilledAccount>? drilled = null;
        if (query.Drill is { } drillId)
        {
            if (!AccountDrilldown.TryGet(drillId, out var definition))
                error = $"'{drillId}' cannot be drilled into.";
            else if (query.DrillPeriod is not { } period)
                error = "A drill-down needs from and to dates (yyyy-MM-dd).";
            else
            {
                var result = AccountDrilldown.Drill(data, drillId, period, query.Filter, options);
                drilled = result.Accounts.ToDictionary(a => a.AccountId, StringComparer.Ordinal);
                drill = Summarize(data, result, options);
            }
        }

        scope ??= AccountScope.Everything;
        var criteria = query.Criteria;
        var text = new AccountCriteria(Text: query.Text);
        // The dates health implies are worked out for the rows shown, unless the list is sorted by one of them.
        var sortedByDate = query.Sort.TrimStart('-') is "paid_until" or "last_touch";
        var rows = new List<AccountRow>();
        foreach (var s in summaries)
        {
            if (!scope.Sees(s.Account)) continue;
            DrilledAccount? d = null;
            if (drilled is not null && !drilled.TryGetValue(s.Account.AccountId, out d)) continue;
            if (drilled is null && !Matches(s, criteria, query)) continue;
            if (drilled is not null && !text.Matches(s.Account)) continue;
            var h = health?.Of(s.Account.AccountId);
            if (query.Band is { } band && band != (h?.Band?.Id() ?? "none")) continue;
            var row = new AccountRow(s, d?.Amount, d?.Count, h);
            rows.Add(sortedByDate ? WithDates(row, health) : row);
        }
        var comparison = Order(query.Sort, drilled is not null && query.Sort == "name");
        var skip = (int)Math.Min(int.MaxValue, (long)(query.Page - 1) * pageSize);
        var page = PageOf(rows, comparison, skip, pageSize);
        if (!sortedByDate)
        {
            for (var i = 0; i < page.Count; i++)
                page[i] = WithDates(page[i], health);
        }
        return new AccountsListModel(query, page, rows.Count, asOf, choices, drill, error, health?.At);
    }

    private static AccountRow WithDates(AccountRow row, HealthBoard? health) =>
        row.Health is { } h ? row with { PaidUntil = h.PaidUntil(health!.At), LastTouch = h.LastTouch(health!.At) } : row;

    /// <summary>
    /// The <paramref name="take"/> rows after the first <paramref name="skip"/> of <paramref name="rows"/> in the order of
    /// <paramref name="comparison"/> (a total order: its ties go by account id), the same as sorting them all. An early
    /// page of a long list keeps only its first skip + take rows in a heap (one comparison for most rows) and sorts those,
    /// instead of sorting every row.
    /// </summary>
    internal static List<AccountRow> PageOf(List<AccountRow> rows, Comparison<AccountRow> comparison, int skip, int take)
    {
        var kept = (long)skip + take;
        if (skip >= rows.Count)
            return [];
        if (kept * 4 >= rows.Count)
        {
            rows.Sort(comparison);
            return rows.GetRange(skip, (int)Math.Min(take, rows.Count - skip));
        }
        // The last row in the order on top: a row before it replaces it.
        var latest = Comparer<AccountRow>.Create((x, y) => comparison(y, x));
        var heap = new PriorityQueue<AccountRow, AccountRow>((int)kept, latest);
        foreach (var row in rows)
        {
            if (heap.Count < kept)
                heap.Enqueue(row, row);
            else if (comparison(row, heap.Peek()) < 0)
                heap.DequeueEnqueue(row, row);
        }
        var first = new List<AccountRow>(heap.Count);
        while (heap.TryDequeue(out var row, out _))
            first.Add(row);
        first.Reverse();
        return first.GetRange(skip, first.Count - skip);
    }

    private static DrillSummary Summarize(TenureDataSet data, DrilldownResult result, MetricOptions? options)
    {
        var definition = result.Definition;
        // The card's figure, from the engine, for the same period and segment.
        var metric = MetricCatalogue.Get(definition.MetricId);
        var series = MetricSeries.Compute(data, result.Filter, () => result.Filter.Apply(data), result.Period.Start, result.Period.End, Granularity.Range, [definition.MetricId], options);
        var card = series[definition.MetricId, 0].Value;
        var unit = definition.AddsUp == DrillTotal.Amount ? metric.Unit : MetricUnit.Count;
        var total = MetricNumbers.ForPeople(result.Total, unit);
        var accounts = MetricNumbers.ForPeople(result.Accounts.Count, MetricUnit.Count);

        // What the list sums to, in words; for a part of a whole (NPS detractors), the whole from the card's denominator.
        var accountsNoun = Noun(result.Accounts.Count, "accounts");
        var statement = definition.AddsUp switch
        {
            DrillTotal.Accounts => $"{accounts} {accountsNoun}",
            DrillTotal.Amount => $"{definition.TotalName} {total} over {accounts} {accountsNoun}",
            _ => $"{total} {Noun(result.Total, definition.TotalName)} over {accounts} {accountsNoun}",
        };
        if (definition.WholeName is { } whole && card.Denominator is { } all)
            statement = $"{total} {Noun(result.Total, definition.TotalName)} of {MetricNumbers.ForPeople(all, MetricUnit.Count)} {Noun(all, whole)} ({accounts} {accountsNoun})";

        // Compared only with a card figure of the same kind: the card's value, or the named part of its breakdown.
        decimal? expected = definition.CardPart is { } part ? card.Breakdown?.GetValueOrDefault(part) : card.Value;
        string? cardFigure = expected is { } e
            ? definition.CardPart is { } p ? $"{p} on the card: {MetricNumbers.ForPeople(e, unit)}" : $"card: {MetricNumbers.ForPeople(e, unit)}"
            : null;
        var check = expected is not { } x ? DrillCheck.NotCompared : x == result.Total ? DrillCheck.Matches : DrillCheck.Differs;
        return new DrillSummary(
            definition,
            result.Period,
            total,
            statement,
            cardFigure,
            $"{metric.Name} {MetricNumbers.ForPeople(card.Value, metric.Unit)}",
            check,
            series[definition.MetricId, 0].Unavailable);
    }

    /// <summary>"1 detractor answer", "2 detractor answers": the plural nouns of the drill definitions lose their s for one.</summary>
    private static string Noun(decimal count, string plural) =>
        count == 1m && plural.EndsWith('s') ? plural[..^1] : plural;

    private static bool Matches(AccountSummary s, AccountCriteria criteria, AccountsQuery q)
    {
        if (!criteria.Matches(s.Account)) return false;
        if (q.MrrMin is { } min && s.Mrr < min) return false;
        if (q.MrrMax is { } max && s.Mrr > max) return false;
        if (q.RenewalBefore is { } before && (s.NextRenewal is not { } r || r >= before)) return false;
        if (q.OpenTicketsMin is { } open && s.OpenTickets < open) return false;
        return q.Nps switch
        {
            "promoter" => s.Nps >= 9,
            "passive" => s.Nps is 7 or 8,
            "detractor" => s.Nps <= 6,
            "none" => s.Nps is null,
            _ => true,
        };
    }

    /// <summary>The sort (a key, '-' first for descending; ties by account id); a drilled list without a sort goes by amount, largest first.</summary>
    public static Comparison<AccountRow> Order(string sort, bool byAmount)
    {
        if (byAmount)
            return (x, y) => (y.DrillAmount ?? 0m).CompareTo(x.DrillAmount ?? 0m) is var c and not 0 ? c : string.CompareOrdinal(x.Summary.Account.AccountId, y.Summary.Account.AccountId);
        var descending = sort.StartsWith('-');
        var sign = descending ? -1 : 1;
        static int Text(string? a, string? b) => (a, b) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            _ => StringComparer.OrdinalIgnoreCase.Compare(a, b),
        };
        static int Nullable<T>(T? a, T? b, int sign) where T : struct, IComparable<T> => (a, b) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            ({ } x, { } y) => sign * x.CompareTo(y),
        };
        Comparison<AccountRow> primary = sort.TrimStart('-') switch
        {
            "csm" => (x, y) => sign * Text(x.Summary.Account.Csm, y.Summary.Account.Csm),
            "plan" => (x, y) => sign * Text(x.Summary.Account.Plan, y.Summary.Account.Plan),
            "segment" => (x, y) => sign * Text(x.Summary.Account.Segment, y.Summary.Account.Segment),
            "industry" => (x, y) => sign * Text(x.Summary.Account.Industry, y.Summary.Account.Industry),
            "mrr" => (x, y) => sign * x.Summary.Mrr.CompareTo(y.Summary.Mrr),
            "renewal" => (x, y) => Nullable(x.Summary.NextRenewal, y.Summary.NextRenewal, sign),
            "nps" => (x, y) => Nullable(x.Summary.Nps, y.Summary.Nps, sign),
            "open_tickets" => (x, y) => sign * x.Summary.OpenTickets.CompareTo(y.Summary.OpenTickets),
            // Accounts without a score (or a date) go last either way, as blank renewals do.
            "score" => (x, y) => Nullable(x.Health?.Score, y.Health?.Score, sign),
            "band" => (x, y) => x.BandRank == 3 || y.BandRank == 3 ? x.BandRank.CompareTo(y.BandRank)
                : sign * x.BandRank.CompareTo(y.BandRank) is var b and not 0 ? b : Nullable(x.Health?.Score, y.Health?.Score, sign),
            "paid_until" => (x, y) => (x.Health is null, y.Health is null) switch
            {
                (true, true) => 0,
                (true, false) => 1,
                (false, true) => -1,
                // Open coverage (no end ahead) sorts after every date.
                _ => sign * (x.PaidUntil ?? DateTime.MaxValue).CompareTo(y.PaidUntil ?? DateTime.MaxValue),
            },
            "last_touch" => (x, y) => Nullable(x.LastTouch, y.LastTouch, sign),
            _ => (x, y) => sign * StringComparer.OrdinalIgnoreCase.Compare(x.Summary.Account.Name, y.Summary.Account.Name),
        };
        return (x, y) => primary(x, y) is var c and not 0 ? c : string.CompareOrdinal(x.Summary.Account.AccountId, y.Summary.Account.AccountId);
    }
}
