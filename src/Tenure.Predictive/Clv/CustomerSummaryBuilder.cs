namespace Tenure.Predictive.Clv;

/// <summary>Turns a transaction log into per-customer (x, t_x, T, zbar) for a calibration period.</summary>
public static class CustomerSummaryBuilder
{
    /// <summary>Days in the model's time unit.</summary>
    public const double DaysPerWeek = 7.0;

    /// <summary>
    /// Summarises the transactions on or before <paramref name="calibrationEnd"/> (inclusive: the last
    /// day of the calibration period). Purchases by one customer on one day are one transaction whose
    /// amount is their sum. Only customers whose first purchase is on or before the calibration end
    /// appear; the result is ordered by customer id (ordinal), so it is deterministic.
    /// T = (calibration end - first purchase) / 7 and t_x = (last purchase - first purchase) / 7,
    /// the convention of the published CDNOW summaries (a customer who first bought on the
    /// calibration end has T = 0).
    /// </summary>
    public static IReadOnlyList<CustomerSummary> Build(IEnumerable<Transaction> transactions, DateOnly calibrationEnd)
    {
        var days = CustomerDays(transactions, calibrationEnd);
        var result = new List<CustomerSummary>(days.Count);
        foreach (var (customer, purchases) in days.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var first = purchases.Keys[0];
            var last = purchases.Keys[^1];
            var x = purchases.Count - 1;
            double repeatSpend = 0;
            for (var i = 1; i < purchases.Count; i++)
                repeatSpend += purchases.Values[i];
            result.Add(new CustomerSummary(
                customer,
                x,
                (last.DayNumber - first.DayNumber) / DaysPerWeek,
                (calibrationEnd.DayNumber - first.DayNumber) / DaysPerWeek,
                x > 0 ? repeatSpend / x : 0));
        }
        return result;
    }

    /// <summary>
    /// Purchase days per customer in (calibration end, <paramref name="holdoutEnd"/>] (both
    /// inclusive days), counted as transactions the same way; customers with none are left out.
    /// </summary>
    public static IReadOnlyDictionary<string, int> HoldoutPurchases(IEnumerable<Transaction> transactions, DateOnly calibrationEnd, DateOnly holdoutEnd)
    {
        var seen = new HashSet<(string, DateOnly)>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in transactions)
        {
            if (t.Date <= calibrationEnd || t.Date > holdoutEnd || !seen.Add((t.Customer, t.Date)))
                continue;
            counts[t.Customer] = counts.GetValueOrDefault(t.Customer) + 1;
        }
        return counts;
    }

    private static Dictionary<string, SortedList<DateOnly, double>> CustomerDays(IEnumerable<Transaction> transactions, DateOnly calibrationEnd)
    {
        var days = new Dictionary<string, SortedList<DateOnly, double>>(StringComparer.Ordinal);
        foreach (var t in transactions)
        {
            if (t.Date > calibrationEnd)
                continue;
            if (!days.TryGetValue(t.Customer, out var list))
                days[t.Customer] = list = [];
            list[t.Date] = list.GetValueOrDefault(t.Date) + t.Amount;
        }
        return days;
    }
}
