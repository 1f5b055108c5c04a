using Tenure.Ingest.Csv;

namespace Tenure.Ingest.Tests;

/// <summary>The records <see cref="QuoteFreeRecords"/> splits by hand, and where it gives up for the general parser.</summary>
public sealed class QuoteFreeRecordsTests
{
    /// <summary>Every record of <paramref name="text"/> (fields joined by '|', "(blank)" for a blank line), and whether it gave up.</summary>
    private static (List<string> Records, bool GaveUp) Split(string text, int fields)
    {
        var records = new QuoteFreeRecords(new StringReader(text), fields);
        var read = new List<string>();
        while (records.Read())
            read.Add(records.Blank ? "(blank)" : string.Join("|", Enumerable.Range(0, fields).Select(f => records.Field(f).ToString())));
        return (read, records.GaveUp);
    }

    [Fact]
    public void Read_LinesOfFields_SplitsAtCommasAndLineBreaks()
    {
        var (records, gaveUp) = Split("a,b,c\n,, \r\nx,y,z", 3);

        Assert.False(gaveUp);
        Assert.Equal(["a|b|c", "|| ", "x|y|z"], records);
    }

    [Fact]
    public void Read_BlankLines_AreBlankRecordsWhateverTheirWhiteSpace()
    {
        var (records, gaveUp) = Split("a,b\n\n \t\r\nc,d\n", 2);

        Assert.False(gaveUp);
        Assert.Equal(["a|b", "(blank)", "(blank)", "c|d"], records);
    }

    [Fact]
    public void Read_NoText_HasNoRecord()
    {
        var (records, gaveUp) = Split("", 2);

        Assert.False(gaveUp);
        Assert.Empty(records);
    }

    [Theory]
    [InlineData("a,\"b\"\n", "a quote")]
    [InlineData("a,b\rc,d\n", "a lone carriage return")]
    [InlineData("a,b\r", "a carriage return ending the text")]
    [InlineData("a\n", "one field, not blank, of two")]
    [InlineData("a,b,c\n", "three fields of two")]
    public void Read_WhatTheGeneralParserSplitsOtherwise_GivesUpBeforeIt(string line, string what)
    {
        var (records, gaveUp) = Split("x,y\n" + line + "z,w\n", 2);

        Assert.True(gaveUp, what);
        Assert.Equal(["x|y"], records);
    }

    [Fact]
    public void Read_ALineOverTheLimit_GivesUp_OneUnderIt_IsRead()
    {
        var under = new string('a', QuoteFreeRecords.MaxLineChars - 10);
        var (read, underGaveUp) = Split($"{under},b\n", 2);
        Assert.False(underGaveUp);
        Assert.Equal([$"{under}|b"], read);

        var (records, gaveUp) = Split($"x,y\n{new string('a', QuoteFreeRecords.MaxLineChars)},b\n", 2);
        Assert.True(gaveUp);
        Assert.Equal(["x|y"], records);
    }
}
