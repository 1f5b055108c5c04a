using System.Globalization;

namespace Tenure.Ingest.Fields;

/// <summary>
/// Numbers as the input files write them: invariant culture, an optional leading sign, a '.'
/// decimal point, no thousands separators and no exponent ("1200.50", "-3", "+0.5").
/// </summary>
internal static class InvariantNumber
{
    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    /// <summary>
    /// As <see cref="decimal.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?, out decimal)"/> with a leading sign
    /// and a decimal point, scale included ("49.50" has scale 2). An unsigned number of at most 18 digits, as amounts are
    /// written, is read digit by digit (the runtime's parser costs several times more a row); anything else goes to it.
    /// </summary>
    public static bool TryParseDecimal(ReadOnlySpan<char> s, out decimal value) =>
        TryParsePlain(s, out value) || decimal.TryParse(s, DecimalStyle, CultureInfo.InvariantCulture, out value);

    /// <summary>Digits with at most one '.' among or after them, 1 to 18 digits in all; false (value 0) for anything else.</summary>
    private static bool TryParsePlain(ReadOnlySpan<char> s, out decimal value)
    {
        value = 0m;
        long mantissa = 0;
        int digits = 0, scale = 0;
        bool point = false;
        foreach (char c in s)
        {
            uint digit = (uint)(c - '0');
            if (digit <= 9)
            {
                if (++digits > 18)
                    return false;
                mantissa = mantissa * 10 + digit;
                if (point)
                    scale++;
            }
            else if (c == '.' && !point)
            {
                point = true;
            }
            else
            {
                return false;
            }
        }
        if (digits == 0)
            return false;
        value = new decimal((int)mantissa, (int)(mantissa >> 32), 0, false, (byte)scale);
        return true;
    }

    /// <summary>Any finite number, exponents allowed ("1e29"): only to tell "too large" from "not a number" in messages.</summary>
    public static bool TryParseFloat(ReadOnlySpan<char> s, out double value) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    public static bool TryParseInt(ReadOnlySpan<char> s, out int value) =>
        int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
