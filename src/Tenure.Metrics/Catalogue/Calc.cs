namespace Tenure.Metrics.Catalogue;

/// <summary>Shorthands for declaring the `tenure calc` inputs of a metric and the values they accept.</summary>
internal static class Calc
{
    /// <summary>An amount (money, hours, a rate): a number &gt;= 0.</summary>
    public static CalcInput In(string name, string description) => new(name, description);

    /// <summary>An optional amount.</summary>
    public static CalcInput Opt(string name, string description) => new(name, description, Optional: true);

    /// <summary>A count: a whole number &gt;= 0, at most the sum of <paramref name="atMostSumOf"/> when given.</summary>
    public static CalcInput Count(string name, string description, params string[] atMostSumOf) =>
        new(name, description) { Kind = CalcValueKind.Count, AtMostSumOf = atMostSumOf };

    /// <summary>An optional count (absent counts as 0 in a bound).</summary>
    public static CalcInput OptCount(string name, string description) =>
        new(name, description, Optional: true) { Kind = CalcValueKind.Count };

    /// <summary>A total that may be negative.</summary>
    public static CalcInput Signed(string name, string description) => new(name, description) { Kind = CalcValueKind.Signed };
}
