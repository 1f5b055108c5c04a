using static Tenure.Ingest.Tests.Csv;

namespace Tenure.Ingest.Tests;

public class CostsReaderTests
{
    private static CsvReadResult<CostEntry> Read(params string[] lines) =>
        CsvInputReader.ReadCosts(Of(lines), "costs.csv");

    [Fact]
    public void ReadCosts_BothKinds_MapsEveryField_AndKeepsEqualRows()
    {
        var rows = AssertValid(Read("date,amount,kind,category",
            "2024-01-31,5000,retention,payroll",
            "2024-01-31,5000,retention,payroll",
            "2024-01-31,750.25,acquisition,"));

        Assert.Equal(
        [
            new CostEntry(Utc(2024, 1, 31), 5000m, CostKind.Retention, "payroll"),
            new CostEntry(Utc(2024, 1, 31), 5000m, CostKind.Retention, "payroll"),
            new CostEntry(Utc(2024, 1, 31), 750.25m, CostKind.Acquisition),
        ], rows);
    }

    [Fact]
    public void ReadCosts_NegativeAmountAndUnknownKind_AreErrors()
    {
        AssertErrors(Read("date,amount,kind", "2024-01-31,-1,retention", "2024-01-31,1,support"),
            "costs.csv:2: amount: '-1' must not be negative",
            "costs.csv:3: kind: 'support' is not one of retention, acquisition");
    }

    [Fact]
    public void ReadCosts_MissingColumns_AreErrors()
    {
        AssertErrors(Read("date,category", "2024-01-31,tools"),
            "costs.csv:1: amount: required column is missing",
            "costs.csv:1: kind: required column is missing");
    }
}
