namespace Tenure.Demo.Simulation;

/// <summary>Sequential ids with a prefix and zero padding ("tkt_0000042"), numbered in generation order.</summary>
internal sealed class IdSequence(string prefix, int width)
{
    private int last;

    public int Count => last;

    public string Next() => Format(prefix, ++last, width);

    public static string Format(string prefix, int number, int width)
    {
        var digits = Math.Max(width, CountDigits(number));
        return string.Create(prefix.Length + digits, (prefix, number), static (span, state) =>
        {
            state.prefix.AsSpan().CopyTo(span);
            var n = state.number;
            for (var i = span.Length - 1; i >= state.prefix.Length; i--)
            {
                span[i] = (char)('0' + (n % 10));
                n /= 10;
            }
        });
    }

    private static int CountDigits(int n)
    {
        var digits = 1;
        while (n >= 10)
        {
            n /= 10;
            digits++;
        }
        return digits;
    }
}
