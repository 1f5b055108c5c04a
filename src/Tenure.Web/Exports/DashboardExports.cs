using System.Globalization;

using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Health;
using Tenure.Web.Dashboards;

namespace Tenure.Web.Exports;

/// <summary>
/// The tables and series of each dashboard page and of the accounts list as they download (docs/exports.md): built
/// from the same page model the screen shows (same period, filters and user scope), so a download holds the numbers
/// on screen, exact instead of rounded.
/// </summary>
public static class DashboardExports
{
    /// <summary>The pages that export, by the name in /exports/{page}/{table}.{csv|xlsx}.</summary>
    public static readonly IReadOnlyList<string> Pages = ["kpi", "saas", "executive", "cs-manager", "support", "accounts"];

    public static readonly IReadOnlyList<string> CardColumns = ["metric", "name", "unit", "period", "period_start", "period_end", "value", "previous_period", "previous_value"];

    public static IReadOnlyList<ExportTable> Of(KpiDashboardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return
        [
            Cards(model.Cards),
            .. model.Cards.Select(c => Card(c)),
            new ExportTable("waterfall", "MRR waterfall", ["step", "amount", "is_level"],
                [.. model.Waterfall.Select(s => (IReadOnlyList<ExportCell>)[s.Label, s.Amount, s.IsLevel ? "yes" : "no"])]),
            Points("mrr-trend", "MRR trend", "month", "mrr", model.MrrTrend),
        ];
    }

    public static IReadOnlyList<ExportTable> Of(SaasDashboardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var months = Enumerable.Range(0, model.Months + 1).Select(k => "M" + k.ToString(CultureInfo.InvariantCulture)).ToList();
        return
        [
            Cards(model.Cards),
            .. model.Cards.Select(c => Card(c)),
            new ExportTable("cohorts", "Cohorts", ["cohort", "new_customers", "starting_mrr", .. months.Select(m => "logo_" + m), .. months.Select(m => "revenue_" + m)],
                [.. model.Cohorts.Select(r => (IReadOnlyList<ExportCell>)[r.Cohort, r.NewCustomers, r.StartingMrr,
                    .. Pad(r.Logo, months.Count), .. Pad(r.Revenue, months.Count)])]),
        ];
    }

    public static IReadOnlyList<ExportTable> Of(ExecutiveDashboardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        IReadOnlyList<MetricCard> cards = [.. model.Cards, .. model.Headlines.Select(h => h.Card)];
        return
        [
            Cards(cards),
            .. model.Cards.Select(c => Card(c)),
            .. model.Headlines.Select(h => Card(h.Card, h.Weekly)),
            Points("work-focus", "Work focus", "category", "tasks_completed", model.WorkFocus),
        ];
    }

    public static IReadOnlyList<ExportTable> Of(CsManagerDashboardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return [Cards(model.Cards), .. model.Cards.Select(c => Card(c)), Table("per-csm", "Per CSM", "csm", model.PerCsm), Table("per-agent", "Per agent", "agent", model.PerAgent)];
    }

    public static IReadOnlyList<ExportTable> Of(SupportDashboardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return [Cards(model.Cards), .. model.Cards.Select(c => Card(c)), Table("per-agent", "Per agent", "agent", model.PerAgent)];
    }

    /// <summary>Every row of the accounts list (all pages) with the list's columns; in drill mode with the drilled amount.</summary>
    public static ExportTable Accounts(AccountsListModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        List<string> columns = ["account_id", "name", "csm", "plan", "segment", "industry", "region", "mrr", "next_renewal", "open_tickets", "nps", "health_score", "band", "paid_until", "last_touch"];
        var drilled = model.Drill is not null;
        if (drilled) columns.AddRange(["drill_amount", "drill_count"]);
        var rows = model.Rows.Select(r =>
        {
            var a = r.Summary.Account;
            List<ExportCell> cells =
            [
                a.AccountId, a.Name, a.Csm, a.Plan, a.Segment, a.Industry, a.Region, r.Summary.Mrr, ExportCell.Date(r.Summary.NextRenewal),
                (decimal)r.Summary.OpenTickets, (decimal?)r.Summary.Nps, r.Health?.Score, r.Health?.Band?.Id(), ExportCell.Date(r.PaidUntil), ExportCell.Date(r.LastTouch),
            ];
            if (drilled) cells.AddRange([r.DrillAmount, (decimal?)r.DrillCount]);
            return (IReadOnlyList<ExportCell>)cells;
        });
        return new ExportTable("accounts", "Accounts", columns, [.. rows]);
    }

    /// <summary>One row per card: its figure for the view's period and the previous one.</summary>
    public static ExportTable Cards(IReadOnlyList<MetricCard> cards)
    {
        ArgumentNullException.ThrowIfNull(cards);
        return new ExportTable("cards", "Cards", CardColumns, [.. cards.Select(c => (IReadOnlyList<ExportCell>)
        [
            c.MetricId, c.Name, c.Unit.Symbol(), c.View?.CurrentLabel, ExportCell.Date(c.View?.Current.Start), ExportCell.Date(c.View?.Current.End),
            c.Value, c.View?.PreviousLabel, c.PreviousValue,
        ])]);
    }

    /// <summary>
    /// One card's series, "card-{metric}": its figure for the view's period and the previous period (period start and end,
    /// end exclusive), then, for a card drawn with a trend, one row per point of the trend.
    /// </summary>
    public static ExportTable Card(MetricCard card, IReadOnlyList<ChartPoint>? trend = null)
    {
        ArgumentNullException.ThrowIfNull(card);
        var unit = card.Unit.Symbol();
        var rows = new List<IReadOnlyList<ExportCell>>
        {
            new ExportCell[] { card.MetricId, unit, card.View?.CurrentLabel, ExportCell.Date(card.View?.Current.Start), ExportCell.Date(card.View?.Current.End), card.Value },
            new ExportCell[] { card.MetricId, unit, card.View?.PreviousLabel, ExportCell.Date(card.View?.Previous.Start), ExportCell.Date(card.View?.Previous.End), card.PreviousValue },
        };
        foreach (var point in trend ?? [])
            rows.Add(new ExportCell[] { card.MetricId, unit, point.Label, default, default, point.Value });
        return new ExportTable("card-" + card.MetricId, card.MetricId, ["metric", "unit", "period", "period_start", "period_end", "value"], rows);
    }

    private static ExportTable Table(string name, string title, string first, MetricTable table) =>
        new(name, title, [first, .. table.Columns.Select(c => c.MetricId)],
            [.. table.Rows.Select(r => (IReadOnlyList<ExportCell>)[r.Label, .. r.Values.Select(v => (ExportCell)v)])]);

    private static ExportTable Points(string name, string title, string label, string value, IReadOnlyList<ChartPoint> points) =>
        new(name, title, [label, value], [.. points.Select(p => (IReadOnlyList<ExportCell>)[p.Label, p.Value])]);

    private static IEnumerable<ExportCell> Pad(IReadOnlyList<decimal?> values, int count) =>
        Enumerable.Range(0, count).Select(i => (ExportCell)(i < values.Count ? values[i] : null));
}
