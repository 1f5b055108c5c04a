using Tenure.Metrics.Inputs;
using Tenure.Predictive.Clv;

namespace Tenure.Web.Dashboards;

/// <summary>
/// Predictive CLV (METRICS.md <c>clv-predicted</c>) for every account of a workspace: BG/NBD for how many invoices,
/// Gamma-Gamma for how much each (<see cref="ClvModel"/>), fitted on the workspace's own invoices up to the day before
/// <see cref="At"/> and used to value each account over the next <see cref="HorizonWeeks"/> weeks at
/// <see cref="AnnualDiscountRate"/> a year. <see cref="Unavailable"/> says why when the fit is not possible.
/// </summary>
public sealed class ClvBoard
{
    /// <summary>The horizon: the next 52 weeks (a year).</summary>
    public const double HorizonWeeks = 52;

    /// <summary>The discount rate, 10 % a year (the usual rate of the CLV literature's examples).</summary>
    public const double AnnualDiscountRate = 0.10;

    private readonly Dictionary<string, CustomerSummary> customers;

    private ClvBoard(DateTime at, ClvModel? model, string? unavailable, IReadOnlyList<CustomerSummary> summaries)
    {
        At = at;
        Model = model;
        Unavailable = unavailable;
        customers = summaries.ToDictionary(c => c.Customer, StringComparer.Ordinal);
    }

    public DateTime At { get; }

    public ClvModel? Model { get; }

    /// <summary>Why there is no model (no invoices, nobody bought twice, the fit did not converge); null when there is one.</summary>
    public string? Unavailable { get; }

    /// <summary>
    /// Fits the model on the charges (recurring and one-off invoices; refunds left out) dated before <paramref name="at"/>.
    /// Invoices of one account on one day are one purchase of their sum.
    /// </summary>
    public static ClvBoard Fit(TenureDataSet data, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Invoices.Count == 0)
            return new ClvBoard(at, null, "no invoices were imported (invoices.csv): predictive CLV is fitted on the invoices", []);
        var calibrationEnd = DateOnly.FromDateTime(at.AddDays(-1));
        var transactions = data.Invoices
            .Where(i => i.Kind != InvoiceKind.Refund && i.Amount > 0m && i.Date < at)
            .Select(i => new Transaction(i.AccountId, DateOnly.FromDateTime(i.Date), (double)i.Amount))
            .ToList();
        var summaries = CustomerSummaryBuilder.Build(transactions, calibrationEnd);
        var repeat = summaries.Count(c => c.Frequency > 0);
        if (summaries.Count == 0 || repeat == 0)
            return new ClvBoard(at, null, $"{summaries.Count} account(s) have charges before {calibrationEnd:yyyy-MM-dd} and {repeat} of them more than one: the spend model needs accounts that bought again", summaries);
        try
        {
            return new ClvBoard(at, ClvModel.Fit(summaries), null, summaries);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException)
        {
            return new ClvBoard(at, null, $"the BG/NBD and Gamma-Gamma fit on {summaries.Count} accounts' invoices did not succeed ({e.Message})", summaries);
        }
    }

    /// <summary>The account's prediction, or null when there is no model or the account has no charge before the day.</summary>
    public ClvPrediction? Of(string accountId) =>
        Model is { } model && customers.TryGetValue(accountId, out var c) ? model.Predict(c, HorizonWeeks, AnnualDiscountRate) : null;
}
