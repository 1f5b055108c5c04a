using Tenure.Demo.Csv;

namespace Tenure.Demo.Tests;

public sealed class CsvRowWriterTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a, b", "\"a, b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("crlf\r\nline", "\"crlf\r\nline\"")]
    [InlineData("<script>alert(1)</script>", "<script>alert(1)</script>")]
    [InlineData("très bien", "très bien")]
    public void Text_QuotesOnlyWhatRfc4180Requires(string text, string expected) =>
        Assert.Equal(expected + "\n", WriteRow(w => w.Text(text)));

    [Fact]
    public void Text_NullOrEmpty_IsAnEmptyField() =>
        Assert.Equal(",,x\n", WriteRow(w =>
        {
            w.Text(null);
            w.Text("");
            w.Text("x");
        }));

    [Fact]
    public void Instant_IsUtcWholeSeconds() =>
        Assert.Equal("2026-02-03T04:05:06Z,2026-02-03\n", WriteRow(w =>
        {
            w.Instant(new DateTime(2026, 2, 3, 4, 5, 6, 789, DateTimeKind.Utc));
            w.Date(new DateTime(2026, 2, 3, 0, 0, 0, DateTimeKind.Utc));
        }));

    [Fact]
    public void Number_IsInvariant() =>
        Assert.Equal("1234.50,-3,,\n", WriteRow(w =>
        {
            w.Number(1234.50m);
            w.Number(-3);
            w.Number((decimal?)null);
            w.Number((int?)null);
        }));

    [Fact]
    public void Text_LongerThanTheBuffer_IsWrittenWhole()
    {
        var text = new string('x', 200_000) + ",";

        Assert.Equal("\"" + text + "\"\n", WriteRow(w => w.Text(text)));
    }

    [Fact]
    public void Rows_CountsDataRowsNotTheHeader()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "t.csv");
        using var writer = new CsvRowWriter(path);
        writer.Header(["a", "b"]);
        writer.Text("1");
        writer.Text("2");
        writer.EndRow();

        Assert.Equal(1, writer.Rows);
    }

    private static string WriteRow(Action<CsvRowWriter> write)
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "t.csv");
        using (var writer = new CsvRowWriter(path))
        {
            write(writer);
            writer.EndRow();
        }
        return File.ReadAllText(path);
    }
}
