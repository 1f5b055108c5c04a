using System.Security.Cryptography;
using System.Text;

using Tenure.Metrics.Inputs;

namespace Tenure.Storage.Tests;

/// <summary>Order-insensitive comparison of data sets, kind by kind.</summary>
internal static class DataSetComparison
{
    /// <summary>Each kind's rows as sorted text lines (records print every field).</summary>
    public static IReadOnlyDictionary<InputKind, string[]> Lines(TenureDataSet data) => new Dictionary<InputKind, string[]>
    {
        [InputKind.Accounts] = Sorted(data.Accounts),
        [InputKind.Subscriptions] = Sorted(data.Subscriptions),
        [InputKind.Invoices] = Sorted(data.Invoices),
        [InputKind.Users] = Sorted(data.Users),
        [InputKind.Usage] = Sorted(data.Usage),
        [InputKind.Surveys] = Sorted(data.Surveys),
        [InputKind.Tickets] = Sorted(data.Tickets),
        [InputKind.Costs] = Sorted(data.Costs),
        [InputKind.Offers] = Sorted(data.Offers),
        [InputKind.Referrals] = Sorted(data.Referrals),
        [InputKind.Milestones] = Sorted(data.Milestones),
        [InputKind.Programs] = Sorted(data.Programs),
        [InputKind.Tasks] = Sorted(data.Tasks),
        [InputKind.Notes] = Sorted(data.Notes),
    };

    /// <summary>A checksum of every row of every kind plus the present kinds.</summary>
    public static string Checksum(TenureDataSet data)
    {
        var text = new StringBuilder().Append(data.Present).Append('\n');
        foreach (var (kind, lines) in Lines(data).OrderBy(k => k.Key))
        {
            text.Append(kind).Append(':').Append(lines.Length).Append('\n');
            foreach (var line in lines)
            {
                text.Append(line).Append('\n');
            }
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// Costs summed per (date, kind, category), as they are stored (costs.csv has no key).
    /// </summary>
    public static IReadOnlyList<CostEntry> CostsAsStored(IEnumerable<CostEntry> costs) =>
        costs.GroupBy(c => (c.Date, c.Kind, c.Category))
            .Select(g => new CostEntry(g.Key.Date, g.Sum(c => c.Amount), g.Key.Kind, g.Key.Category))
            .ToList();

    /// <summary>
    /// Asserts both hold the same rows, each as often, in any order. Record equality compares
    /// decimals by value (1.50 = 1.5: PostgreSQL keeps the scale, SQLite stores the shortest form).
    /// </summary>
    public static void AssertSameRows<T>(IEnumerable<T> expected, IEnumerable<T> actual, string kind)
        where T : notnull
    {
        var counts = new Dictionary<T, int>();
        foreach (var row in expected)
        {
            counts[row] = counts.GetValueOrDefault(row) + 1;
        }
        var extra = new List<T>();
        foreach (var row in actual)
        {
            if (counts.TryGetValue(row, out int n) && n > 0)
            {
                counts[row] = n - 1;
            }
            else
            {
                extra.Add(row);
            }
        }
        var missing = counts.Where(c => c.Value > 0).Select(c => c.Key).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"{kind}: {missing.Count} rows missing, e.g. {string.Join("; ", missing.Take(3))}; {extra.Count} unexpected, e.g. {string.Join("; ", extra.Take(3))}");
    }

    static string[] Sorted<T>(IEnumerable<T> rows) =>
        rows.Select(r => r!.ToString()!).Order(StringComparer.Ordinal).ToArray();
}
