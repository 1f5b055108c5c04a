using System.Numerics;

namespace Tenure.Metrics.Tallies;

/// <summary>
/// A tally's decimal field added to: most of a tally's terms are a plain 0 (a charge has no refund, an account-period
/// with a new subscription has no churn), and a decimal addition is a call of dozens of instructions.
/// </summary>
public static class DecimalSum
{
    /// <summary>
    /// <paramref name="sum"/> + <paramref name="term"/>, without the addition when the term is a plain 0 (0m: no digits, no
    /// scale, no sign): the sum is then the same decimal bit for bit (a decimal sum carries the larger scale of its terms,
    /// and 0m has none), so the figures and their printed scale are those of the addition. A zero with a scale (0.00) is
    /// added, as it may raise the sum's scale.
    /// </summary>
    public static decimal Add(decimal sum, decimal term) =>
        IsZero(term) && term.Scale == 0 && !decimal.IsNegative(term) ? sum : sum + term;

    // decimal implements INumberBase's IsZero explicitly (its digits only, not a comparison): reached through the interface,
    // which the compiler resolves for a struct at compile time.
    private static bool IsZero<T>(T value) where T : INumberBase<T> => T.IsZero(value);
}
