using static Tenure.Ingest.Tests.Csv;

namespace Tenure.Ingest.Tests;

public class UsersReaderTests
{
    private const string Header = "user_id,account_id,created_at,deactivated_at";

    private static CsvReadResult<User> Read(params string[] lines) =>
        CsvInputReader.ReadUsers(Of(lines), "users.csv");

    [Fact]
    public void ReadUsers_WithAndWithoutDeactivation_MapsEveryField()
    {
        var rows = AssertValid(Read(Header, "U1,A1,2024-01-01,", "U2,A1,2024-01-01T08:00:00Z,2024-01-01T08:00:00Z"));

        Assert.Equal(new User("U1", "A1", Utc(2024, 1, 1)), rows[0]);
        Assert.Equal(Utc(2024, 1, 1, 8), rows[1].DeactivatedAt);
    }

    [Fact]
    public void ReadUsers_DeactivatedBeforeCreated_IsAnError()
    {
        AssertErrors(Read(Header, "U1,A1,2024-02-01,2024-01-31"),
            "users.csv:2: deactivated_at: 2024-01-31 is before created_at 2024-02-01");
    }

    [Fact]
    public void ReadUsers_DuplicateUserId_IsAnError()
    {
        AssertErrors(Read(Header, "U1,A1,2024-01-01,", "U2,A1,2024-01-01,", "U1,A2,2024-01-01,"),
            "users.csv:4: user_id: duplicate user_id 'U1' (first on line 2)");
    }

    [Fact]
    public void ReadUsers_MissingAccountColumn_IsAnError()
    {
        AssertErrors(Read("user_id,created_at", "U1,2024-01-01"),
            "users.csv:1: account_id: required column is missing");
    }
}
