namespace Tenure.Metrics.Catalogue;

/// <summary>A named total that `tenure calc` takes for a metric, e.g. --customers-at-start.</summary>
public sealed record CalcInput(string Name, string Description, bool Optional = false);

/// <summary>The totals given to a calculator, by <see cref="CalcInput.Name"/>.</summary>
public sealed class CalcArguments(IReadOnlyDictionary<string, decimal> values)
{
    public decimal this[string name] =>
        values.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"Missing input --{name}.");

    public decimal? Optional(string name) => values.TryGetValue(name, out var v) ? v : null;
}
