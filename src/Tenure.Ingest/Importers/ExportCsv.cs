using Tenure.Ingest.Csv;

namespace Tenure.Ingest.Importers;

/// <summary>The loop every CSV export mapper runs: open with the format's header rules, then map each row.</summary>
internal static class ExportCsv
{
    /// <summary>
    /// Calls <paramref name="map"/> for each non-blank row of <paramref name="source"/>; errors (the
    /// header's and those <paramref name="map"/> logs on the rows) go to <see cref="MappedData.Errors"/>.
    /// </summary>
    public static void Read(ExportSource source, ExportFormat format, MappedData data, Action<CsvRows, ExportOrigin> map)
    {
        var errors = new ErrorLog(source.FileName, data.Options.ReadOptions.MaxErrorsPerFile, data.Errors);
        using var reader = source.OpenText();
        using var rows = format.Open(reader, errors);
        if (rows is null)
            return;
        while (rows.Read())
            map(rows, new ExportOrigin(source.FileName, rows.Line));
    }

    /// <summary>The column's currency code in upper case, or null when blank; an unknown code is an error.</summary>
    public static string? Currency(CsvRows rows, int column)
    {
        var s = rows.Span(column);
        if (s.IsEmpty)
            return null;
        var code = Currencies.Normalise(s);
        if (code is null)
            rows.Error(column, Currencies.Unmapped(CsvRows.Shown(s)));
        return code;
    }

    /// <summary>The value of the first of <paramref name="columns"/> that is not blank, with its column; or (default, -1).</summary>
    public static (string? Value, int Column) FirstOf(CsvRows rows, params int[] columns)
    {
        foreach (int c in columns)
        {
            var s = rows.Span(c);
            if (!s.IsEmpty)
                return (s.ToString(), c);
        }
        return (null, -1);
    }

    /// <summary>The instant of the first of <paramref name="columns"/> that is not blank (parse errors logged), with its column; or (null, -1).</summary>
    public static (DateTime? Value, int Column) FirstInstantOf(CsvRows rows, params int[] columns)
    {
        foreach (int c in columns)
        {
            if (!rows.Span(c).IsEmpty)
                return (rows.OptionalInstant(c), c);
        }
        return (null, -1);
    }
}
