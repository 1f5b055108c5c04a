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

    public static bool TryParseInt(ReadOnlySpan<char> s, out int value) =>
        int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
