using System.Globalization;

namespace Tenure.Storage.Sqlite;

/// <summary>How SQLite columns hold instants and decimals (see <see cref="Model.SqliteTenureDbContext"/>).</summary>
internal static class SqliteValues
{
    /// <summary>Enough characters for any decimal: 29 digits, a sign and a point.</summary>
    public const int MaxDecimalLength = 32;

    /// <summary>How a stored decimal's text is parsed by a load.</summary>
    public const NumberStyles DecimalStyles = NumberStyles.Number | NumberStyles.AllowExponent;

    /// <summary>Microseconds since 1970-01-01 UTC; sub-microsecond ticks are dropped (as PostgreSQL does).</summary>
    public static long ToUnixMicroseconds(DateTime value) =>
        (value.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    public static DateTime FromUnixMicroseconds(long value) =>
        new(value * 10 + DateTime.UnixEpoch.Ticks, DateTimeKind.Utc);

    /// <summary>
    /// Writes the decimal as invariant text without trailing zeros (1.50 -> "1.5"), so equal
    /// amounts are equal text and a re-import with another scale counts as unchanged; parsing it
    /// back is exact. Returns the length written.
    /// </summary>
    public static int Format(decimal value, Span<char> destination)
    {
        // Dividing by 1 with 33 zeros keeps the value and drops the trailing zeros of the scale.
        (value / 1.000000000000000000000000000000000m).TryFormat(destination, out int written, provider: CultureInfo.InvariantCulture);
        return written;
    }

    public static string ToText(decimal value)
    {
        Span<char> text = stackalloc char[MaxDecimalLength];
        return text[..Format(value, text)].ToString();
    }
}
