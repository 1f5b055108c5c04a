using System.Globalization;

namespace Tenure.Ingest.Fields;

/// <summary>
/// Numbers as the input files write them: invariant culture, an optional leading sign, a '.'
/// decimal point, no thousands separators and no exponent ("1200.50", "-3", "+0.5").
/// </summary>
internal static class InvariantNumber
{
    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    public static bool TryParseDecimal(ReadOnlySpan<char> s, out decimal value) =>
        decimal.TryParse(s, DecimalStyle, CultureInfo.InvariantCulture, out value);

    /// <summary>Any finite number, exponents allowed ("1e29"): only to tell "too large" from "not a number" in messages.</summary>
    public static bool TryParseFloat(ReadOnlySpan<char> s, out double value) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    public static bool TryParseInt(ReadOnlySpan<char> s, out int value) =>
        int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
