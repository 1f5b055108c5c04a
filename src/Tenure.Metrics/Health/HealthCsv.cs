using System.Globalization;

using Tenure.Metrics.Reporting;

namespace Tenure.Metrics.Health;

/// <summary>
/// Health as CSV for machines, one row per account: <c>at,account_id,name,csm,score,band</c>, then per factor
/// in <see cref="HealthFactors.All"/> order (then churn-risk when the model lists it) <c>{id}_value,{id}_points,{id}_weight,{id}_missing</c>. Numbers as in
/// <see cref="HealthJson"/>; an empty cell is null (a missing factor's value and points, no score).
/// </summary>
public static class HealthCsv
{
    public static void Write(TextWriter output, DateTime at, IReadOnlyList<AccountHealth> accounts)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(accounts);
        var header = new List<string> { "at", "account_id", "name", "csm", "score", "band" };
        foreach (var factor in accounts.Count > 0 ? accounts[0].Factors.Select(f => f.Factor) : HealthFactors.All)
        {
            var id = factor.Id();
            header.AddRange([id + "_value", id + "_points", id + "_weight", id + "_missing"]);
        }
        output.WriteLine(string.Join(',', header));
        var date = at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var account in accounts)
        {
            var row = new List<string>
            {
                date, Field(account.AccountId), Field(account.Account?.Name), Field(account.Account?.Csm),
                Number(HealthJson.OneDecimal(account.Score)), account.Band?.Id() ?? "",
            };
            foreach (var f in account.Factors)
                row.AddRange([Number(HealthJson.Value(f.Value)), Number(HealthJson.OneDecimal(f.Points)), Number(f.Weight), f.Missing ? "true" : "false"]);
            output.WriteLine(string.Join(',', row));
        }
    }

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Field(string? text) => MetricCsv.Field(text);
}
