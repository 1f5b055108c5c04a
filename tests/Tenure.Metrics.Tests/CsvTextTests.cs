using Tenure.Metrics.Reporting;

namespace Tenure.Metrics.Tests;

/// <summary>The one CSV text field writer: RFC 4180 quoting and OWASP CSV-injection defusing.</summary>
public sealed class CsvTextTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("ann", "ann")]
    [InlineData("Acme, Inc.", "\"Acme, Inc.\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("a=b", "a=b")] // only a formula character at the start is a formula
    public void Field_QuotesAndDefuses(string? text, string expected) => Assert.Equal(expected, CsvText.Field(text));
}
