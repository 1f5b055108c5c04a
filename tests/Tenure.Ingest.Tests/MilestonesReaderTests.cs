using static Tenure.Ingest.Tests.Csv;

namespace Tenure.Ingest.Tests;

public class MilestonesReaderTests
{
    private const string Header = "account_id,milestone,achieved_at";

    private static CsvReadResult<Milestone> Read(params string[] lines) =>
        CsvInputReader.ReadMilestones(Of(lines), "milestones.csv");

    [Fact]
    public void ReadMilestones_Rows_MapEveryField()
    {
        var rows = AssertValid(Read(Header, "A1,onboarded,2024-01-20", "A1,first_value,2024-02-01", "A2,onboarded,2024-01-25"));

        Assert.Equal(new Milestone("A1", "first_value", Utc(2024, 2, 1)), rows[1]);
        Assert.Equal(3, rows.Count);
    }

    [Fact]
    public void ReadMilestones_SameMilestoneTwiceForAnAccount_IsAnError()
    {
        AssertErrors(Read(Header, "A1,onboarded,2024-01-20", "A1,onboarded,2024-03-01"),
            "milestones.csv:3: account_id: duplicate (account_id, milestone) ('A1', 'onboarded') (first on line 2)");
    }

    [Fact]
    public void ReadMilestones_MissingAchievedAt_IsAnError()
    {
        AssertErrors(Read("account_id,milestone", "A1,onboarded"),
            "milestones.csv:1: achieved_at: required column is missing");
    }
}
