using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tenure.Ingest.Fields;

/// <summary>
/// ISO-8601 dates and date-times (extended format) as UTC instants, parsed by hand because this
/// runs once per row over millions of rows.
/// </summary>
/// <remarks>
/// Accepted: <c>yyyy-MM-dd</c> (that day's 00:00 UTC) and <c>yyyy-MM-dd[T| ]HH:mm[:ss[.fffffff]]</c>
/// followed by nothing (UTC), <c>Z</c>, or an offset <c>±HH:mm</c>, <c>±HHmm</c>, <c>±HH</c> (converted
/// to UTC; at most 14 hours). Fractions beyond 7 digits are truncated to ticks. Not accepted: the
/// basic format (20240501), week or ordinal dates, 24:00, leap seconds.
/// </remarks>
internal static class IsoInstant
{
    private const long MaxOffsetTicks = 14 * TimeSpan.TicksPerHour;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse(ReadOnlySpan<char> s, out DateTime utc)
    {
        utc = default;
        if (s.Length < 10 || s[4] != '-' || s[7] != '-')
            return false;
        if (!TryDigits(s, 0, 4, out int year) || !TryDigits(s, 5, 2, out int month) || !TryDigits(s, 8, 2, out int day))
            return false;
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return false;

        long ticks = new DateTime(year, month, day).Ticks;
        if (s.Length == 10)
        {
            utc = new DateTime(ticks, DateTimeKind.Utc);
            return true;
        }

        if (s[10] is not ('T' or 't' or ' '))
            return false;
        int i = 11;
        if (!TryDigits(s, i, 2, out int hour) || hour > 23 || s.Length < i + 5 || s[i + 2] != ':' || !TryDigits(s, i + 3, 2, out int minute) || minute > 59)
            return false;
        ticks += (hour * TimeSpan.TicksPerHour) + (minute * TimeSpan.TicksPerMinute);
        i += 5;

        if (i < s.Length && s[i] == ':')
        {
            if (!TryDigits(s, i + 1, 2, out int second) || second > 59)
                return false;
            ticks += second * TimeSpan.TicksPerSecond;
            i += 3;
            if (i < s.Length && s[i] is '.' or ',')
            {
                i++;
                int start = i;
                long fraction = 0;
                long scale = TimeSpan.TicksPerSecond;
                while (i < s.Length && char.IsAsciiDigit(s[i]))
                {
                    if (scale > 1)
                    {
                        scale /= 10;
                        fraction += (s[i] - '0') * scale;
                    }
                    i++;
                }
                if (i == start)
                    return false;
                ticks += fraction;
            }
        }

        if (i < s.Length)
        {
            char sign = s[i];
            if (sign is 'Z' or 'z')
            {
                i++;
            }
            else if (sign is '+' or '-')
            {
                if (!TryDigits(s, i + 1, 2, out int offsetHours))
                    return false;
                int offsetMinutes = 0;
                i += 3;
                if (i < s.Length)
                {
                    if (s[i] == ':')
                        i++;
                    if (!TryDigits(s, i, 2, out offsetMinutes) || offsetMinutes > 59)
                        return false;
                    i += 2;
                }
                long offset = (offsetHours * TimeSpan.TicksPerHour) + (offsetMinutes * TimeSpan.TicksPerMinute);
                if (offset > MaxOffsetTicks)
                    return false;
                // Local time = UTC + offset, so UTC = local - offset.
                ticks -= sign == '+' ? offset : -offset;
            }
            else
            {
                return false;
            }
        }

        if (i != s.Length || ticks < 0 || ticks > DateTime.MaxValue.Ticks)
            return false;
        utc = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }

    /// <summary>
    /// The UTC day (days since 0001-01-01) of an instant written exactly <c>yyyy-MM-ddTHH:mm:ssZ</c> in ASCII bytes, the
    /// shape most exports write; false for any other text, which <see cref="TryParse"/> may still take. Where this gives a day,
    /// <see cref="TryParse"/> of the same text gives an instant on that day.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryPlainUtcDay(ReadOnlySpan<byte> s, out int day)
    {
        day = 0;
        if (s.Length != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
            return false;
        if (!TryDigits(s, 0, 4, out int year) || !TryDigits(s, 5, 2, out int month) || !TryDigits(s, 8, 2, out int dayOfMonth)
            || !TryDigits(s, 11, 2, out int hour) || !TryDigits(s, 14, 2, out int minute) || !TryDigits(s, 17, 2, out int second))
        {
            return false;
        }
        if (year < 1 || month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        day = new DateOnly(year, month, dayOfMonth).DayNumber;
        return true;
    }

    /// <summary>The <paramref name="count"/> ASCII digits from <paramref name="start"/> of <paramref name="s"/> (characters or bytes) as a number; false when one is not a digit or the text is shorter.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryDigits<T>(ReadOnlySpan<T> s, int start, int count, out int value)
        where T : unmanaged, IBinaryInteger<T>
    {
        value = 0;
        if (start + count > s.Length)
            return false;
        for (int i = start; i < start + count; i++)
        {
            int digit = int.CreateTruncating(s[i]) - '0';
            if ((uint)digit > 9)
                return false;
            value = (value * 10) + digit;
        }
        return true;
    }
}
