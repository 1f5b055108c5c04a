using System.Globalization;

using Tenure.Metrics.Reporting;

namespace Tenure.Metrics.Health;

/// <summary>
/// A health history as CSV for machines, one row per account and day: <c>date,account_id,score,band</c>, then per
/// factor in <see cref="HealthFactors.All"/> order <c>{id}_value,{id}_points,{id}_weight,{id}_missing</c>, as
/// <see cref="HealthCsv"/> writes them; an empty cell is null.
/// </summary>
public static class HealthHistoryCsv
{
    public static void Write(TextWriter output, IReadOnlyList<DatedHealth> days)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(days);
        var header = new List<string> { "date", "account_id", "score", "band" };
        foreach (var factor in HealthFactors.All)
        {
            var id = factor.Id();
            header.AddRange([id + "_value", id + "_points", id + "_weight", id + "_missing"]);
        }
        output.WriteLine(string.Join(',', header));
        foreach (var (day, health) in days)
        {
            var row = new List<string>
            {
                day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), MetricCsv.Field(health.AccountId),
                Number(HealthJson.OneDecimal(health.Score)), health.Band?.Id() ?? "",
            };
            foreach (var factor in HealthFactors.All)
            {
                if (Find(health.Factors, factor) is { } f)
                    row.AddRange([Number(HealthJson.Value(f.Value)), Number(HealthJson.OneDecimal(f.Points)), Number(f.Weight), f.Missing ? "true" : "false"]);
                else
                    row.AddRange(["", "", "", ""]); // not stored that day (a factor added later)
            }
            output.WriteLine(string.Join(',', row));
        }
    }

    private static FactorScore? Find(IReadOnlyList<FactorScore> factors, HealthFactor factor)
    {
        foreach (var f in factors)
        {
            if (f.Factor == factor) return f;
        }
        return null;
    }

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
