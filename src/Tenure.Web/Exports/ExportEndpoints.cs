using Tenure.Web.Dashboards;

namespace Tenure.Web.Exports;

/// <summary>
/// GET /exports/{page}/{table}.{csv|xlsx}: a dashboard's table or card series (or, as .xlsx, <c>all</c> of the page's
/// tables, a sheet each), for the signed-in user (the dashboards' cookie sign-in, never an API key), with the query
/// string of the page: the same period and filters, held to the user's scope like the page (a CSM with "own book"
/// gets only their accounts). At most <see cref="MaxRows"/> rows: a larger list is refused with a 400 saying to narrow
/// the filters (docs/exports.md).
/// </summary>
public static class ExportEndpoints
{
    /// <summary>The most rows one table may download.</summary>
    public const int MaxRows = 100_000;

    public static WebApplication MapTenureExports(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/exports/{page}/{file}", DownloadAsync).WithName("DashboardExport").ExcludeFromDescription();
        return app;
    }

    /// <summary>The link to download <paramref name="table"/> of <paramref name="page"/> as <paramref name="format"/> for the view <paramref name="queryString"/> (no '?').</summary>
    public static string Link(string page, string table, string format, string? queryString) =>
        $"/exports/{page}/{Uri.EscapeDataString(table)}.{format}" + (string.IsNullOrEmpty(queryString) ? "" : "?" + queryString);

    public static async Task<IResult> DownloadAsync(string page, string file, HttpContext http, DashboardPages pages)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(pages);
        var dot = file.LastIndexOf('.');
        var format = dot < 0 ? "" : file[(dot + 1)..].ToLowerInvariant();
        var table = dot < 0 ? file : file[..dot];
        if (format is not ("csv" or "xlsx"))
            return Results.Text($"'{file}': an export is {table}.csv or {table}.xlsx.", statusCode: StatusCodes.Status404NotFound);
        if (!DashboardExports.Pages.Contains(page))
            return Results.Text($"'{page}' has no exports; pages: {string.Join(", ", DashboardExports.Pages)}.", statusCode: StatusCodes.Status404NotFound);
        string? Query(string key) => http.Request.Query[key].Count > 1 ? null : (string?)http.Request.Query[key];
        var repeated = http.Request.Query.Where(q => q.Value.Count > 1).Select(q => q.Key).FirstOrDefault();
        if (repeated is not null)
            return Results.Text($"query parameter '{repeated}' is given {http.Request.Query[repeated].Count} times; give it once.", statusCode: StatusCodes.Status400BadRequest);
        if (DashboardQuery.OutsideCalendar(Query) is { } refusal)
            return Results.Text(refusal, statusCode: StatusCodes.Status400BadRequest);

        var cancellationToken = http.RequestAborted;
        IReadOnlyList<ExportTable> tables = page switch
        {
            "kpi" => DashboardExports.Of((await pages.KpiAsync(Query, cancellationToken)).Model),
            "saas" => DashboardExports.Of((await pages.SaasAsync(Query, cancellationToken)).Model),
            "executive" => DashboardExports.Of((await pages.ExecutiveAsync(Query, cancellationToken)).Model),
            "cs-manager" => DashboardExports.Of((await pages.CsManagerAsync(Query, cancellationToken)).Model),
            "support" => DashboardExports.Of((await pages.SupportAsync(Query, cancellationToken)).Model),
            _ => [DashboardExports.Accounts(await pages.AccountsForExportAsync(Query, cancellationToken))],
        };
        var chosen = table == "all" && format == "xlsx" ? tables : [.. tables.Where(t => t.Name == table)];
        if (chosen.Count == 0)
            return Results.Text($"'{table}' is not a table of {page}; its tables: {string.Join(", ", tables.Select(t => t.Name))}{(format == "xlsx" ? ", all" : "")}.", statusCode: StatusCodes.Status404NotFound);
        if (chosen.FirstOrDefault(t => t.Rows.Count > MaxRows) is { } large)
            return Results.Text($"{large.Name} has {large.Rows.Count:#,0} rows; an export holds at most {MaxRows:#,0}: narrow the filters (csm, plan, segment, band, ...) and download again.", statusCode: StatusCodes.Status400BadRequest);

        var name = $"tenure-{page}-{table}.{format}";
        return format == "csv"
            ? Results.File(ExportCsv.Bytes(chosen[0]), "text/csv; charset=utf-8", name)
            : Results.File(ExportXlsx.Bytes(chosen), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }
}
