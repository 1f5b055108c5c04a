using Tenure.Metrics.Periods;

namespace Tenure.Metrics.Tests;

public class RangeBoundTests
{
    [Theory]
    [InlineData("2024-02-29", 2024, 2, 29, 0, 0)]                // leap day, midnight UTC
    [InlineData(" 2024-01-01 ", 2024, 1, 1, 0, 0)]
    [InlineData("2024-01-01T10:30", 2024, 1, 1, 10, 30)]          // no offset: UTC
    [InlineData("2024-01-01T10:30:00Z", 2024, 1, 1, 10, 30)]
    [InlineData("2024-01-01T10:30:00+02:00", 2024, 1, 1, 8, 30)] // an offset is converted
    [InlineData("2024-01-01T00:30:00.5+01:00", 2023, 12, 31, 23, 30)]
    public void TryParse_AcceptedForms_GiveTheUtcInstant(string text, int year, int month, int day, int hour, int minute)
    {
        Assert.True(RangeBound.TryParse(text, out var instant));
        Assert.Equal(DateTimeKind.Utc, instant.Kind);
        Assert.Equal(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Utc), instant.AddTicks(-(instant.Ticks % TimeSpan.TicksPerMinute)));
    }

    [Theory]
    [InlineData("01/02/2024")]      // month or day first: refused, not guessed
    [InlineData("2024-1-5")]
    [InlineData("2024-02-30")]
    [InlineData("Jan 1 2024")]
    [InlineData("20240101")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_OtherText_IsRefused(string? text) =>
        Assert.False(RangeBound.TryParse(text, out _));
}
