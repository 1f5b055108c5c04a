namespace Tenure.Web.Exports;

/// <summary>A cell of an export: a number (exact, as the engine computed it) or text; both null is an empty cell.</summary>
public readonly record struct ExportCell(decimal? Number, string? Text)
{
    public static implicit operator ExportCell(decimal? number) => new(number, null);

    public static implicit operator ExportCell(string? text) => new(null, text);

    public static ExportCell Date(DateTime? instant) => new(null, instant is { } i ? Dashboards.DashboardQuery.Date(i) : null);
}

/// <summary>
/// One table or series of a page as it downloads: <paramref name="Name"/> is its id in the export URL and file name
/// ("cards", "per-csm", "card-mrr"), <paramref name="Title"/> the sheet name, then a header row and rows of
/// <see cref="ExportCell"/>. Numbers are the engine's exact figures (not rounded for display), money in the
/// reporting currency, percentages 0-100.
/// </summary>
public sealed record ExportTable(string Name, string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<ExportCell>> Rows);
