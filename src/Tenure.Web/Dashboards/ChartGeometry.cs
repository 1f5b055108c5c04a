using System.Globalization;

namespace Tenure.Web.Dashboards;

/// <summary>
/// Where things go on the dashboards' HTML/SVG charts. A chart is laid out in percentages of its plot area,
/// so it stretches to any width while its text stays in CSS pixels; category i of n sits at the centre of
/// the i-th of n equal bands.
/// </summary>
public static class ChartGeometry
{
    /// <summary>
    /// The narrowest plot (px) of each width band of the chart (tenure.css: charts of 560 px and up, 440 to 560, 330 to 440
    /// (a phone), under 330 (a small card on a phone)), which the category labels are thinned for; the value axis takes about 60 px.
    /// </summary>
    private static readonly (string Band, int PlotWidth)[] Bands = [("xl", 500), ("lg", 380), ("md", 270), ("sm", 190)];

    /// <summary>About how wide a character of an 11 px axis label is, plus the gap a label needs, in px.</summary>
    private const double CharacterWidth = 6.5, LabelGap = 10;

    /// <summary>The centre of band <paramref name="index"/> of <paramref name="count"/>, as a fraction 0..1 of the width.</summary>
    public static double BandCentre(int index, int count) => (index + 0.5) / count;

    /// <summary>A fraction 0..1 as a CSS percentage ("37.5%"), invariant.</summary>
    public static string Percent(double fraction) =>
        (fraction * 100).ToString("0.###", CultureInfo.InvariantCulture) + "%";

    /// <summary>A coordinate of the SVG's 0..1000 box, invariant.</summary>
    public static string Coordinate(double fraction) =>
        (fraction * 1000).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>
    /// The CSS classes that hide category label <paramref name="index"/> on charts too narrow for all
    /// <paramref name="count"/> labels ("t-x-hide-md" hides it on a chart of a phone's width): every k-th label is kept,
    /// counted back from the last (the latest period), k as small as fits labels <paramref name="longest"/> characters long.
    /// </summary>
    public static string LabelHiding(int index, int count, int longest)
    {
        var labelWidth = longest * CharacterWidth + LabelGap;
        var classes = new List<string>();
        foreach (var (band, plotWidth) in Bands)
        {
            var fits = Math.Max(1, (int)(plotWidth / labelWidth));
            var stride = (count + fits - 1) / fits;
            if ((count - 1 - index) % stride != 0) classes.Add("t-x-hide-" + band);
        }
        return string.Join(' ', classes);
    }
}
