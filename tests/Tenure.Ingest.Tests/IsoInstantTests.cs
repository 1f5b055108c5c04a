using Tenure.Ingest.Fields;

namespace Tenure.Ingest.Tests;

public class IsoInstantTests
{
    public static TheoryData<string, DateTime> Valid => new()
    {
        { "2024-05-01", new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc) },
        { "2024-02-29", new DateTime(2024, 2, 29, 0, 0, 0, DateTimeKind.Utc) },
        { "2024-05-01T10:20", new DateTime(2024, 5, 1, 10, 20, 0, DateTimeKind.Utc) },
        { "2024-05-01 10:20:30", new DateTime(2024, 5, 1, 10, 20, 30, DateTimeKind.Utc) },
        { "2024-05-01T10:20:30Z", new DateTime(2024, 5, 1, 10, 20, 30, DateTimeKind.Utc) },
        { "2024-05-01t10:20:30z", new DateTime(2024, 5, 1, 10, 20, 30, DateTimeKind.Utc) },
        { "2024-05-01T10:20:30.5Z", new DateTime(2024, 5, 1, 10, 20, 30, 500, DateTimeKind.Utc) },
        { "2024-05-01T10:20:30.1234567Z", new DateTime(2024, 5, 1, 10, 20, 30, DateTimeKind.Utc).AddTicks(1234567) },
        { "2024-05-01T10:20:30.123456789Z", new DateTime(2024, 5, 1, 10, 20, 30, DateTimeKind.Utc).AddTicks(1234567) },
        { "2024-05-01T10:20:30,25", new DateTime(2024, 5, 1, 10, 20, 30, 250, DateTimeKind.Utc) },
        { "2024-05-01T10:00:00+02:00", new DateTime(2024, 5, 1, 8, 0, 0, DateTimeKind.Utc) },
        { "2024-05-01T10:00:00-05:30", new DateTime(2024, 5, 1, 15, 30, 0, DateTimeKind.Utc) },
        { "2024-05-01T10:00+0200", new DateTime(2024, 5, 1, 8, 0, 0, DateTimeKind.Utc) },
        { "2024-05-01T10:00:00+02", new DateTime(2024, 5, 1, 8, 0, 0, DateTimeKind.Utc) },
        { "2024-01-01T01:00:00+03:00", new DateTime(2023, 12, 31, 22, 0, 0, DateTimeKind.Utc) },
        { "2024-12-31T23:30:00-01:00", new DateTime(2025, 1, 1, 0, 30, 0, DateTimeKind.Utc) },
        { "2024-05-01T00:00:00+14:00", new DateTime(2024, 4, 30, 10, 0, 0, DateTimeKind.Utc) },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void TryParse_IsoText_GivesTheUtcInstant(string text, DateTime expected)
    {
        Assert.True(IsoInstant.TryParse(text, out var value));
        Assert.Equal(expected, value);
        Assert.Equal(DateTimeKind.Utc, value.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2024-5-1")]
    [InlineData("20240501")]
    [InlineData("2024/05/01")]
    [InlineData("01.05.2024")]
    [InlineData("2023-02-29")]
    [InlineData("2024-13-01")]
    [InlineData("2024-04-31")]
    [InlineData("0000-01-01")]
    [InlineData("2024-05-01T")]
    [InlineData("2024-05-01T10")]
    [InlineData("2024-05-01T24:00")]
    [InlineData("2024-05-01T10:60")]
    [InlineData("2024-05-01T10:00:60")]
    [InlineData("2024-05-01T10:00:00.")]
    [InlineData("2024-05-01T10:00:00+15:00")]
    [InlineData("2024-05-01T10:00:00+02:60")]
    [InlineData("2024-05-01T10:00:00 +02:00")]
    [InlineData("2024-05-01T10:00:00ZZ")]
    [InlineData("2024-05-01x")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("9999-12-31T23:00:00-02:00")]
    public void TryParse_NotIso_Fails(string text)
    {
        Assert.False(IsoInstant.TryParse(text, out _));
    }

    [Theory]
    [InlineData("2024-05-01T10:20:30Z", 2024, 5, 1)]
    [InlineData("2024-02-29T23:59:59Z", 2024, 2, 29)]
    [InlineData("0001-01-01T00:00:00Z", 1, 1, 1)]
    [InlineData("9999-12-31T23:59:59Z", 9999, 12, 31)]
    public void TryPlainUtcDay_TheExportsShape_GivesTheDayTryParseGives(string text, int year, int month, int day)
    {
        // Days since 0001-01-01: 2024-05-01 is 739,006 (2023 whole years of 365 days, plus 490 leap days, plus the 121 days of
        // January-April 2024); the others by the calendar, checked against TryParse of the same text.
        Assert.True(IsoInstant.TryPlainUtcDay(System.Text.Encoding.ASCII.GetBytes(text), out int plain));
        Assert.Equal(new DateOnly(year, month, day).DayNumber, plain);
        Assert.True(IsoInstant.TryParse(text, out var parsed));
        Assert.Equal(parsed.Ticks / TimeSpan.TicksPerDay, plain);
        if (year == 2024 && month == 5)
            Assert.Equal((2023 * 365) + 490 + 121, plain);
    }

    [Theory]
    [InlineData("2024-05-01")] // another shape TryParse takes
    [InlineData("2024-05-01T10:20:30")]
    [InlineData("2024-05-01t10:20:30z")]
    [InlineData("2024-05-01 10:20:30Z")]
    [InlineData("2024-05-01T10:20:30.5Z")]
    [InlineData("2024-05-01T10:00:00+02:00")]
    [InlineData("2023-02-29T10:00:00Z")] // and text TryParse refuses
    [InlineData("2024-04-31T10:00:00Z")]
    [InlineData("2024-13-01T10:00:00Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("2024-05-01T24:00:00Z")]
    [InlineData("2024-05-01T10:60:00Z")]
    [InlineData("2024-05-01T10:00:60Z")]
    [InlineData("2024-05-0aT10:00:00Z")]
    [InlineData(" 2024-05-01T10:00:00Z")]
    [InlineData("2024-05-01T10:00:00Z ")]
    public void TryPlainUtcDay_AnyOtherText_IsLeftToTryParse(string text) =>
        Assert.False(IsoInstant.TryPlainUtcDay(System.Text.Encoding.ASCII.GetBytes(text), out _));
}
