using Tenure.Metrics.Health;

using static Tenure.Metrics.Tests.TestData;

namespace Tenure.Metrics.Tests;

/// <summary>Band changes of a daily health series, by hand.</summary>
public class HealthBandChangesTests
{
    private static HealthOnDay Day(string date, HealthBand? band) => new(D(date), band switch
    {
        HealthBand.Green => 80m,
        HealthBand.Yellow => 50m,
        HealthBand.Red => 20m,
        _ => null,
    }, band);

    [Fact]
    public void Of_Empty_GivesNoChange() => Assert.Empty(HealthBandChanges.Of([]));

    [Fact]
    public void Of_OneBandThroughout_GivesNoChange() =>
        Assert.Empty(HealthBandChanges.Of([Day("2026-05-01", HealthBand.Green), Day("2026-05-02", HealthBand.Green), Day("2026-05-03", HealthBand.Green)]));

    [Fact]
    public void Of_GreenThenRed_IsOneChangeOnTheFirstRedDay()
    {
        var changes = HealthBandChanges.Of([Day("2026-05-01", HealthBand.Green), Day("2026-05-02", HealthBand.Green), Day("2026-05-03", HealthBand.Red), Day("2026-05-04", HealthBand.Red)]);

        Assert.Equal([new HealthBandChange(D("2026-05-03"), HealthBand.Green, HealthBand.Red)], changes);
    }

    [Fact]
    public void Of_SeveralChanges_AreListedOldestFirst()
    {
        var changes = HealthBandChanges.Of([
            Day("2026-05-01", HealthBand.Green), Day("2026-05-02", HealthBand.Yellow), Day("2026-05-03", HealthBand.Red),
            Day("2026-05-04", HealthBand.Yellow), Day("2026-05-05", HealthBand.Green)]);

        Assert.Equal([
            new HealthBandChange(D("2026-05-02"), HealthBand.Green, HealthBand.Yellow),
            new HealthBandChange(D("2026-05-03"), HealthBand.Yellow, HealthBand.Red),
            new HealthBandChange(D("2026-05-04"), HealthBand.Red, HealthBand.Yellow),
            new HealthBandChange(D("2026-05-05"), HealthBand.Yellow, HealthBand.Green)], changes);
    }

    [Fact]
    public void Of_DaysWithoutBandOrMissing_AreSkipped_ComparingWithTheLastBandedDay()
    {
        // green on 1 May, no score on 2 May, nothing recorded 3-9 May, red on 10 May, no score on 11 May, red on 12 May:
        // one change, green to red on 10 May; the first banded day (1 May) is no change.
        var changes = HealthBandChanges.Of([
            Day("2026-05-01", HealthBand.Green), Day("2026-05-02", null), Day("2026-05-10", HealthBand.Red),
            Day("2026-05-11", null), Day("2026-05-12", HealthBand.Red)]);

        Assert.Equal([new HealthBandChange(D("2026-05-10"), HealthBand.Green, HealthBand.Red)], changes);
    }

    [Fact]
    public void Of_StartsWithoutBand_FirstBandedDayIsNoChange() =>
        Assert.Empty(HealthBandChanges.Of([Day("2026-05-01", null), Day("2026-05-02", HealthBand.Red)]));

    [Fact]
    public void Of_UnsortedInput_IsReadInDateOrder()
    {
        var changes = HealthBandChanges.Of([Day("2026-05-03", HealthBand.Red), Day("2026-05-01", HealthBand.Green), Day("2026-05-02", HealthBand.Green)]);

        Assert.Equal([new HealthBandChange(D("2026-05-03"), HealthBand.Green, HealthBand.Red)], changes);
    }

    [Fact]
    public void Of_DayGivenTwice_KeepsTheLastEntry()
    {
        // 2 May first yellow then (recomputed) red: green -> red on 2 May, red -> green on 3 May.
        var changes = HealthBandChanges.Of([Day("2026-05-01", HealthBand.Green), Day("2026-05-02", HealthBand.Yellow), Day("2026-05-02", HealthBand.Red), Day("2026-05-03", HealthBand.Green)]);

        Assert.Equal([
            new HealthBandChange(D("2026-05-02"), HealthBand.Green, HealthBand.Red),
            new HealthBandChange(D("2026-05-03"), HealthBand.Red, HealthBand.Green)], changes);
    }
}
