using System.Globalization;

using Tenure.Ingest.Fields;

namespace Tenure.Ingest.Tests;

/// <summary>
/// <see cref="InvariantNumber.TryParseDecimal"/> reads plain amounts itself: it must give what the runtime's parser gives
/// (with a leading sign and a decimal point allowed), the scale included, for every text.
/// </summary>
public sealed class InvariantNumberTests
{
    // Whether it parsed, then the value's four 32-bit parts (mantissa, sign and scale): "49.5" and "49.50" differ.
    private static string Runtime(string s) =>
        Shown(decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value), value);

    private static string Ours(string s) => Shown(InvariantNumber.TryParseDecimal(s, out var value), value);

    private static string Shown(bool parsed, decimal value) => parsed ? string.Join(' ', decimal.GetBits(value)) : "not a number";

    [Theory]
    [InlineData("49.50", 4950, 2)] // trailing zeros kept: the scale is part of the value stored
    [InlineData("49", 49, 0)]
    [InlineData("0.0", 0, 1)]
    [InlineData("5.", 5, 0)]
    [InlineData(".5", 5, 1)]
    [InlineData("007", 7, 0)]
    [InlineData("0.000000000000000001", 1, 18)]
    public void TryParseDecimal_PlainAmounts_MantissaAndScale(string text, long mantissa, int scale)
    {
        Assert.True(InvariantNumber.TryParseDecimal(text, out var value));

        Assert.Equal(new decimal((int)mantissa, (int)(mantissa >> 32), 0, false, (byte)scale), value);
        Assert.Equal(scale, value.Scale);
        Assert.Equal(Runtime(text), Ours(text));
    }

    [Theory]
    [InlineData("999999999999999999")] // 18 digits: the most read digit by digit
    [InlineData("1234567890.12345678")]
    [InlineData("9999999999999999999")] // 19 digits: the runtime's parser
    [InlineData("12345678901234567890.5")] // 21 digits, past a 64-bit mantissa
    [InlineData("79228162514264337593543950335")] // decimal.MaxValue
    [InlineData("79228162514264337593543950336")] // past it
    [InlineData("0.00000000000000000000000000001")] // more than 28 decimals: rounded by the runtime
    [InlineData("-3")]
    [InlineData("-0")]
    [InlineData("-0.00")]
    [InlineData("+0.5")]
    [InlineData("1,000")]
    [InlineData("1e5")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData("1.2.3")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("١٢")] // Arabic-Indic digits are not ASCII digits
    public void TryParseDecimal_AnyText_AsTheRuntimeParsesIt(string text) =>
        Assert.Equal(Runtime(text), Ours(text));

    [Fact]
    public void TryParseDecimal_RandomTexts_AsTheRuntimeParsesThem()
    {
        // 20,000 seeded texts of 0 to 24 characters over digits, points, signs, a space and an exponent.
        const string alphabet = "0123456789012345678901234567890123456789..-+ e";
        var random = new Random(11);
        for (var n = 0; n < 20_000; n++)
        {
            var chars = new char[random.Next(25)];
            for (var i = 0; i < chars.Length; i++)
                chars[i] = alphabet[random.Next(alphabet.Length)];
            var text = new string(chars);
            Assert.True(Runtime(text) == Ours(text), $"'{text}': runtime {Runtime(text)}, ours {Ours(text)}");
        }
    }
}
