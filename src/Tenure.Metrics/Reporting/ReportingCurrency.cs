using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Reporting;

/// <summary>
/// The currency money figures are in. Tenure does not convert currencies: every amount is summed
/// as given, in the accounts' currency (DESIGN.md), so the reporting currency is the one currency
/// the accounts and subscriptions name.
/// </summary>
public static class ReportingCurrency
{
    /// <summary>What <see cref="LabelOf"/> says when accounts and subscriptions name more than one currency.</summary>
    public const string Mixed = "mixed currencies";

    /// <summary>
    /// The single currency code (upper case, e.g. "USD") named by the data set's accounts and
    /// subscriptions; null when none names one, or when they name several (then no one label is true).
    /// </summary>
    public static string? Of(TenureDataSet data) => LabelOf(data) is { } label && label != Mixed ? label : null;

    /// <summary>
    /// As <see cref="Of"/>, but <see cref="Mixed"/> when several currencies are named, for screens that
    /// must say the amounts were added as given; null when none is named.
    /// </summary>
    public static string? LabelOf(TenureDataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        // Every account and subscription is read: kept per data set (a dashboard asks on every first view).
        return DataSetDerivations.GetOrAdd(data, "reporting-currency", d => new Label(Scan(d))).Code;
    }

    /// <summary>A kept <see cref="LabelOf"/> (null is a value too).</summary>
    private sealed record Label(string? Code);

    private static string? Scan(TenureDataSet data)
    {
        string? found = null;
        string? last = null;
        foreach (var code in data.Accounts.Select(a => a.Currency).Concat(data.Subscriptions.Select(s => s.Currency)))
        {
            // The readers pool their values: a code is mostly the very string of the row before, already looked at.
            if (ReferenceEquals(code, last) || string.IsNullOrWhiteSpace(code))
                continue;
            last = code;
            var upper = code.Trim().ToUpperInvariant();
            if (found is null)
                found = upper;
            else if (found != upper)
                return Mixed;
        }
        return found;
    }
}
