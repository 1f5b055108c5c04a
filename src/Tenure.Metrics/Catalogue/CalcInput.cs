using System.Globalization;

namespace Tenure.Metrics.Catalogue;

/// <summary>What numbers a <see cref="CalcInput"/> accepts.</summary>
public enum CalcValueKind
{
    /// <summary>A count of customers, tickets, responses...: a whole number, 0 or more.</summary>
    Count,

    /// <summary>An amount (money, hours, days, a rate): any number, 0 or more.</summary>
    Amount,

    /// <summary>A total that can be negative (revenue net of refunds).</summary>
    Signed,
}

/// <summary>
/// A named total that `tenure calc` takes for a metric, e.g. --customers-at-start, with the values it
/// accepts: its <see cref="Kind"/> (a count is a whole number, counts and amounts are never
/// negative) and the inputs it can never exceed (<see cref="AtMostSumOf"/>: renewed contracts are
/// at most the contracts up for renewal). The rules are declared once, here, and every surface
/// that takes totals checks them with <see cref="CalcInputs.Problems"/>.
/// </summary>
public sealed record CalcInput(string Name, string Description, bool Optional = false)
{
    public CalcValueKind Kind { get; init; } = CalcValueKind.Amount;

    /// <summary>
    /// The inputs whose sum this one can never exceed (an absent optional input counts 0), e.g.
    /// churned &lt;= customers-at-start + new-customers. Empty when there is no such bound.
    /// </summary>
    public IReadOnlyList<string> AtMostSumOf { get; init; } = [];

    /// <summary>The rule for people, as `tenure calc METRIC --help` shows it: "a whole number >= 0, at most --up-for-renewal".</summary>
    public string Rule
    {
        get
        {
            var kind = Kind switch
            {
                CalcValueKind.Count => "a whole number >= 0",
                CalcValueKind.Amount => "a number >= 0",
                _ => "a number",
            };
            return AtMostSumOf.Count == 0 ? kind : $"{kind}, at most {SumText}";
        }
    }

    private string SumText => string.Join(" + ", AtMostSumOf.Select(n => "--" + n));

    /// <summary>What is wrong with <paramref name="value"/> on its own (null when it is acceptable).</summary>
    public string? ProblemWith(decimal value)
    {
        if (Kind != CalcValueKind.Signed && value < 0)
            return $"--{Name} cannot be negative (was {Text(value)}).";
        if (Kind == CalcValueKind.Count && value != decimal.Truncate(value))
            return $"--{Name} is a count: it must be a whole number (was {Text(value)}).";
        return null;
    }

    internal string? BoundProblem(IReadOnlyDictionary<string, decimal> values)
    {
        if (AtMostSumOf.Count == 0 || !values.TryGetValue(Name, out var value))
            return null;
        var bound = AtMostSumOf.Sum(n => values.TryGetValue(n, out var v) ? v : 0m);
        return value <= bound
            ? null
            : $"--{Name} ({Text(value)}) cannot be more than {SumText} ({Text(bound)}).";
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Checks totals against the rules of their <see cref="CalcInput"/>s.</summary>
public static class CalcInputs
{
    /// <summary>
    /// Every rule the <paramref name="values"/> break, as messages naming the option (empty when
    /// they are acceptable): negative counts and amounts, fractional counts, and an input above the
    /// inputs it is bounded by. Missing inputs are not checked here (they are a usage error).
    /// </summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<CalcInput> inputs, IReadOnlyDictionary<string, decimal> values)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(values);
        var problems = new List<string>();
        foreach (var input in inputs)
        {
            if (values.TryGetValue(input.Name, out var value) && input.ProblemWith(value) is { } problem)
                problems.Add(problem);
        }
        if (problems.Count == 0)
        {
            foreach (var input in inputs)
            {
                if (input.BoundProblem(values) is { } problem)
                    problems.Add(problem);
            }
        }
        return problems;
    }
}

/// <summary>The totals given to a calculator, by <see cref="CalcInput.Name"/>.</summary>
public sealed class CalcArguments(IReadOnlyDictionary<string, decimal> values)
{
    public decimal this[string name] =>
        values.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"Missing input --{name}.");

    public decimal? Optional(string name) => values.TryGetValue(name, out var v) ? v : null;
}
