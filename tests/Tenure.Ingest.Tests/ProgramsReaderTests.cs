using static Tenure.Ingest.Tests.Csv;

namespace Tenure.Ingest.Tests;

public class ProgramsReaderTests
{
    private const string Header = "account_id,program,joined_at,left_at";

    private static CsvReadResult<ProgramMembership> Read(params string[] lines) =>
        CsvInputReader.ReadPrograms(Of(lines), "programs.csv");

    [Fact]
    public void ReadPrograms_RejoiningAProgram_IsTwoMemberships()
    {
        var rows = AssertValid(Read(Header, "A1,advocates,2024-01-01,2024-03-01", "A1,advocates,2024-06-01,"));

        Assert.Equal(new ProgramMembership("A1", "advocates", Utc(2024, 1, 1), Utc(2024, 3, 1)), rows[0]);
        Assert.Equal(new ProgramMembership("A1", "advocates", Utc(2024, 6, 1)), rows[1]);
    }

    [Fact]
    public void ReadPrograms_LeftBeforeJoined_IsAnError()
    {
        AssertErrors(Read(Header, "A1,advocates,2024-03-01,2024-02-28"),
            "programs.csv:2: left_at: 2024-02-28 is before joined_at 2024-03-01");
    }

    [Fact]
    public void ReadPrograms_SameAccountProgramAndJoin_IsAnError()
    {
        AssertErrors(Read(Header, "A1,advocates,2024-01-01,", "A1,advocates,2024-01-01,2024-02-01"),
            "programs.csv:3: account_id: duplicate (account_id, program, joined_at) ('A1', 'advocates', 2024-01-01) (first on line 2)");
    }

    [Fact]
    public void ReadPrograms_MissingProgramColumn_IsAnError()
    {
        AssertErrors(Read("account_id,joined_at", "A1,2024-01-01"),
            "programs.csv:1: program: required column is missing");
    }
}
