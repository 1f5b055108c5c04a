namespace Tenure.Metrics.Catalogue;

/// <summary>Shorthands for declaring the `tenure calc` inputs of a metric.</summary>
internal static class Calc
{
    public static CalcInput In(string name, string description) => new(name, description);

    public static CalcInput Opt(string name, string description) => new(name, description, Optional: true);
}
