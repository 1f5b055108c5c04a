using Tenure.Ingest.Csv;

namespace Tenure.Ingest.Tests;

/// <summary>A file's rows in an array sized by its lines (ADR 0360): the array itself when full, cut to size otherwise.</summary>
public class RowBufferTests
{
    [Fact]
    public void ToArray_AsManyRowsAsExpected_IsTheBuffersOwnArray()
    {
        var rows = new RowBuffer<string>(3);
        rows.Add("a");
        rows.Add("b");
        rows.Add("c");
        var array = rows.ToArray();
        Assert.Equal(["a", "b", "c"], array);
        Assert.Same(array, rows.ToArray()); // full: handed out as it is, not copied
    }

    [Theory]
    [InlineData(0, 5)]    // unknown: grows
    [InlineData(2, 5)]    // fewer expected than come: grows past it
    [InlineData(10, 5)]   // rows skipped (errors, quoted newlines): cut to size
    [InlineData(10, 0)]
    public void ToArray_OtherwiseHoldsExactlyTheRowsInOrder(int expected, int added)
    {
        var rows = new RowBuffer<int>(expected);
        for (var i = 0; i < added; i++)
            rows.Add(i * 7);
        Assert.Equal(Enumerable.Range(0, added).Select(i => i * 7), rows.ToArray());
        Assert.Equal(added, rows.Count);
    }

    [Theory]
    [InlineData("h1,h2\na,b\nc,d\ne,f\n", 3)]  // three rows after the header
    [InlineData("h1,h2\na,b\nc,d\ne,f", 3)]    // the last line without its newline counts
    [InlineData("h1,h2\n", 0)]                 // a header only
    [InlineData("h1,h2", 0)]
    [InlineData("", 0)]
    [InlineData("h1,h2\r\na,b\r\n", 1)]        // CRLF
    public void Expected_CountsTheLinesAfterTheHeader(string text, int rows)
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "x.csv");
        File.WriteAllText(path, text);
        Assert.Equal(rows, FileRows.Expected(path, columns: 2));
    }

    [Fact]
    public void Expected_BlankLines_AskForNoMoreThanTheBytesOverTheColumns()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "blank.csv");
        // A header of 10 columns (20 bytes with its newline) and 100,000 blank lines: 100,020 bytes, 100,001 lines.
        File.WriteAllText(path, "a,b,c,d,e,f,g,h,i,j\n" + new string('\n', 100_000));
        // A row of 10 columns takes at least 10 bytes (9 commas and a newline): 100,020 / 10 = 10,002, not 100,000.
        Assert.Equal(10_002, FileRows.Expected(path, columns: 10));
    }

    [Fact]
    public void Expected_NoSuchFile_IsZero() =>
        Assert.Equal(0, FileRows.Expected(Path.Combine(Path.GetTempPath(), "tenure-no-such-" + Guid.NewGuid().ToString("N") + ".csv"), columns: 3));
}
