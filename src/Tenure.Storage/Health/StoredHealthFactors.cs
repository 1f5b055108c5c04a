using System.Globalization;

using Tenure.Metrics.Health;

namespace Tenure.Storage.Health;

/// <summary>
/// How health_history.factors holds an account's factors on a day: compact text, one entry per factor in
/// <see cref="HealthFactors.All"/> order, <c>id=value/points/weight</c> separated by <c>;</c>, numbers invariant as the
/// health JSON writes them (<see cref="HealthJson.Value"/>: up to 4 decimals; points to 1 decimal, trailing zeros
/// dropped), an empty number for null (a missing factor's value and points; renewal's value when coverage is open):
/// <c>usage=0.35/50/30;sentiment=20/60/20;support=//15;revenue-trend=0.05/62.5/15;engagement=45/75/10;renewal=120/100/10</c>.
/// Written without allocating per number (the back-fill writes tens of millions); a factor id this version does
/// not know (written by a later one) is skipped when read.
/// </summary>
internal static class StoredHealthFactors
{
    /// <summary>Enough characters for any factors: per factor an id, three decimals (32 characters each) and separators.</summary>
    public const int MaxLength = 16 * (24 + 3 * 32 + 4);

    /// <summary>Writes the factors into <paramref name="destination"/> (at least <see cref="MaxLength"/> long); returns the length written.</summary>
    public static int Write(IReadOnlyList<FactorScore> factors, Span<char> destination)
    {
        var n = 0;
        for (var i = 0; i < factors.Count; i++)
        {
            var f = factors[i];
            if (i > 0) destination[n++] = ';';
            var id = f.Factor.Id();
            id.CopyTo(destination[n..]);
            n += id.Length;
            destination[n++] = '=';
            n += Number(HealthJson.Value(f.Value), destination[n..]);
            destination[n++] = '/';
            n += Number(HealthJson.OneDecimal(f.Points), destination[n..]);
            destination[n++] = '/';
            n += Number(f.Weight, destination[n..]);
        }
        return n;
    }

    public static string Write(IReadOnlyList<FactorScore> factors)
    {
        Span<char> text = stackalloc char[MaxLength];
        return text[..Write(factors, text)].ToString();
    }

    /// <summary>The factors of a stored text, in stored order; throws <see cref="FormatException"/> on text this class did not write.</summary>
    public static IReadOnlyList<FactorScore> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var factors = new List<FactorScore>(HealthFactors.Count);
        Span<Range> parts = stackalloc Range[4];
        foreach (var range in text.AsSpan().Split(';'))
        {
            var entry = text.AsSpan()[range];
            var equals = entry.IndexOf('=');
            if (equals < 0) throw new FormatException($"health_history.factors: '{entry}' is not id=value/points/weight.");
            var rest = entry[(equals + 1)..];
            if (rest.Split(parts, '/') != 3) throw new FormatException($"health_history.factors: '{entry}' is not id=value/points/weight.");
            if (!HealthFactors.TryParse(entry[..equals].ToString(), out var factor)) continue;
            factors.Add(new FactorScore(factor, Optional(rest[parts[0]]), Optional(rest[parts[1]]), Optional(rest[parts[2]]) ?? 0m));
        }
        return factors;
    }

    private static decimal? Optional(ReadOnlySpan<char> text) =>
        text.IsEmpty ? null : decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    private static int Number(decimal? value, Span<char> destination)
    {
        if (value is not { } v) return 0;
        // Dividing by 1 with 28 zeros drops trailing zeros of the scale (62.50 -> 62.5, 50.0 -> 50).
        (v / 1.0000000000000000000000000000m).TryFormat(destination, out var written, provider: CultureInfo.InvariantCulture);
        return written;
    }
}
