using System.Runtime.CompilerServices;

namespace Tenure.Metrics.Inputs;

/// <summary>
/// The shape of numbered ids: a prefix, then a fixed count of digits ("U0437442", "acc_0000001"), as most exports and
/// generators write them. Within one shape an id and its number determine each other (the width is fixed, so leading
/// zeros are part of the shape), which lets a reader find an id by its number in a small array instead of a hash
/// table of strings. <see cref="None"/> when ids are not numbered.
/// </summary>
public readonly record struct IdShape(string Prefix, int Digits)
{
    /// <summary>The most digits of a numbered id: every number fits an int.</summary>
    private const int MaxDigits = 9;

    private static readonly int[] PowersOfTen = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

    public static IdShape None { get; } = new("", 0);

    /// <summary>Array slots kept by number: up to this many an id, or <see cref="MinNumbers"/> in all (sparser ids are left to a table).</summary>
    private const int NumbersPerId = 8, MinNumbers = 1 << 16;

    /// <summary>
    /// The bound below which a number is kept in an array by number when <paramref name="ids"/> ids are held: at most 8 array
    /// slots an id (or 64 K in all), so sparse numbering does not make the array large; ids with larger numbers go to a table.
    /// </summary>
    public static int KeptNumbersFor(int ids) => Math.Max(MinNumbers, ids * NumbersPerId);

    /// <summary>The shape of <paramref name="id"/>: its trailing digits (1 to 9 of them) after its prefix; <see cref="None"/> otherwise.</summary>
    public static IdShape Of(string id) => Of(id.AsSpan());

    /// <inheritdoc cref="Of(string)"/>
    public static IdShape Of(ReadOnlySpan<char> id)
    {
        int digits = DigitsOf(id);
        return digits == 0 ? None : new IdShape(id[..^digits].ToString(), digits);
    }

    /// <summary>The id of this shape with <paramref name="number"/> (0 to 10^<see cref="Digits"/> - 1): the prefix, then the number zero-padded.</summary>
    public string Format(int number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        if (Digits == 0 || number >= PowersOfTen[Digits])
            throw new ArgumentOutOfRangeException(nameof(number), $"{number} does not fit {Digits} digits.");
        return string.Create(Prefix.Length + Digits, (Prefix, number), static (chars, id) =>
        {
            id.Prefix.CopyTo(chars);
            int n = id.number;
            for (int i = chars.Length - 1; i >= id.Prefix.Length; i--, n /= 10)
                chars[i] = (char)('0' + n % 10);
        });
    }

    /// <summary>How many trailing digits make <paramref name="id"/> numbered (1 to 9), without making its shape; 0 when it is not.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int DigitsOf(ReadOnlySpan<char> id)
    {
        int digits = 0;
        while (digits < id.Length && char.IsAsciiDigit(id[^(digits + 1)]))
            digits++;
        return digits > MaxDigits ? 0 : digits;
    }

    /// <summary>The number of <paramref name="id"/> when it has this shape (this prefix, then exactly this many digits); -1 otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int NumberOf(ReadOnlySpan<char> id)
    {
        if (Digits == 0 || id.Length != Prefix.Length + Digits || !id.StartsWith(Prefix, StringComparison.Ordinal))
            return -1;
        int number = 0;
        foreach (char c in id[Prefix.Length..])
        {
            uint digit = (uint)(c - '0');
            if (digit > 9)
                return -1;
            number = number * 10 + (int)digit;
        }
        return number;
    }
}
