using System.Globalization;
using System.Reflection;
using System.Text;

using Microsoft.AspNetCore.WebUtilities;

using Tenure.Storage.Mail;
using Tenure.Web.Dashboards;

namespace Tenure.Web.Mail;

/// <summary>
/// A dashboard view as an e-mail (docs/email.md "Scheduled reports"): the page model comes from the dashboards' own
/// builders (<see cref="DashboardPages"/>, the same cache and numbers as the page), read as the whole workspace. The
/// body lists every card as text ("MRR: $12,300 (Oct 2026: $12,000, +2.5 %)"); the attachments are CSV files: one of
/// the cards and one per table and chart series of the page, with the engine's exact values.
/// </summary>
public static class DashboardReport
{
    /// <summary>The dashboard paths a report can show.</summary>
    public static readonly IReadOnlyList<string> Paths = ["/", "/dashboards/kpi", "/dashboards/saas", "/dashboards/executive", "/dashboards/cs-manager", "/dashboards/support"];

    /// <summary>The query parameters the dashboards read.</summary>
    public static readonly IReadOnlyList<string> QueryKeys = ["period", "date", "from", "to", "csm", "plan", "segment", "industry", "region", "bench"];

    /// <summary>A built report: subject, text body and CSV attachments.</summary>
    public sealed record Content(string Subject, string Text, IReadOnlyList<MailAttachment> Attachments);

    /// <summary>Builds <paramref name="view"/> (checked by <see cref="ReportSchedules.CheckView"/>) for <paramref name="tenant"/> with the server's services.</summary>
    public static async Task<Content> BuildAsync(IServiceProvider services, string tenant, string view, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var pages = ActivatorUtilities.CreateInstance<DashboardPages>(scope.ServiceProvider, new ReportUser(tenant));
        var (path, query) = ReportSchedules.Split(view);
        var values = QueryHelpers.ParseQuery(query);
        string? Get(string k) => values.TryGetValue(k, out var v) ? v.ToString() : null;
        var (name, model) = path switch
        {
            "/" or "/dashboards/kpi" => ("kpi", (object)(await pages.KpiAsync(Get, cancellationToken)).Model),
            "/dashboards/saas" => ("saas", (await pages.SaasAsync(Get, cancellationToken)).Model),
            "/dashboards/executive" => ("executive", (await pages.ExecutiveAsync(Get, cancellationToken)).Model),
            "/dashboards/cs-manager" => ("cs-manager", (await pages.CsManagerAsync(Get, cancellationToken)).Model),
            "/dashboards/support" => ("support", (await pages.SupportAsync(Get, cancellationToken)).Model),
            _ => throw new MailException($"view: '{path}' is not a dashboard."),
        };
        return Render(name, view, model);
    }

    /// <summary>The report of a page model: every <see cref="MetricCard"/> list, <see cref="MetricTable"/> and <see cref="ChartPoint"/> series it has.</summary>
    public static Content Render(string name, string view, object model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var properties = model.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance);
        var query = properties.Select(p => p.GetValue(model)).OfType<DashboardQuery>().FirstOrDefault();
        var period = query?.CurrentLabel ?? "";
        var previous = query?.PreviousLabel ?? "";
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Title(name)} dashboard – {period}\n{view}\n");
        var files = new List<MailAttachment>();
        foreach (var property in properties)
        {
            var value = property.GetValue(model);
            switch (value)
            {
                case IReadOnlyList<MetricCard> cards:
                    text.Append('\n');
                    foreach (var card in cards) text.Append(CardLine(card, previous)).Append('\n');
                    files.Add(Csv($"{name}-{Kebab(property.Name)}.csv", CardsCsv(cards, period, previous)));
                    break;
                case MetricTable table when table.Unavailable is null:
                    files.Add(Csv($"{name}-{Kebab(property.Name)}.csv", TableCsv(table)));
                    break;
                case IReadOnlyList<ChartPoint> points when points.Count > 0:
                    files.Add(Csv($"{name}-{Kebab(property.Name)}.csv", PointsCsv(points)));
                    break;
                default:
                    break;
            }
        }
        if (files.Count > 0) text.Append(CultureInfo.InvariantCulture, $"\nAttached (CSV, exact values): {string.Join(", ", files.Select(f => f.FileName))}\n");
        return new Content(MailOutbox.OneLine($"[Tenure] {Title(name)} report – {period}"), text.ToString(), files);
    }

    /// <summary>"MRR: $12,300 (Oct 2026: $12,000, +2.5 %)", or "no data" with what to import.</summary>
    public static string CardLine(MetricCard card, string previousLabel)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (card.Empty is { } empty) return $"{card.Name}: no data ({empty.Message})";
        var line = $"{card.Name}: {card.Display}";
        if (card.PreviousValue is not null) line += $" ({previousLabel}: {card.PreviousDisplay}{(card.Change is null ? "" : ", " + card.Change)})";
        return line;
    }

    private static string CardsCsv(IReadOnlyList<MetricCard> cards, string period, string previous)
    {
        var csv = new StringBuilder("metric,name,period,value,display,previous_period,previous_value,previous_display,change\r\n");
        foreach (var c in cards)
            csv.AppendJoin(',', [Field(c.MetricId), Field(c.Name), Field(period), Number(c.Value), Field(c.Display), Field(previous), Number(c.PreviousValue), Field(c.PreviousDisplay), Field(c.Change)]).Append("\r\n");
        return csv.ToString();
    }

    private static string TableCsv(MetricTable table)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', ["label", .. table.Columns.Select(c => Field(c.MetricId))]).Append("\r\n");
        foreach (var row in table.Rows)
            csv.AppendJoin(',', [Field(row.Label), .. row.Values.Select(Number)]).Append("\r\n");
        return csv.ToString();
    }

    private static string PointsCsv(IReadOnlyList<ChartPoint> points)
    {
        var csv = new StringBuilder("label,value\r\n");
        foreach (var p in points) csv.Append(Field(p.Label)).Append(',').Append(Number(p.Value)).Append("\r\n");
        return csv.ToString();
    }

    private static MailAttachment Csv(string fileName, string text) => new(fileName, "text/csv", Encoding.UTF8.GetBytes(text));

    /// <summary>A decimal as CSV: invariant, every digit the engine gave; empty when there is no value.</summary>
    public static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Field(string? text) =>
        text is null ? "" : text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    private static string Title(string name) => name switch
    {
        "kpi" => "KPI",
        "saas" => "SaaS",
        "executive" => "Executive",
        "cs-manager" => "CS manager",
        "support" => "Support",
        _ => name,
    };

    private static string Kebab(string name)
    {
        var text = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0) text.Append('-');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}
