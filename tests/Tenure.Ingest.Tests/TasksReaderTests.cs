using static Tenure.Ingest.Tests.Csv;

namespace Tenure.Ingest.Tests;

public class TasksReaderTests
{
    private const string Header = "task_id,owner,account_id,category,created_at,due_at,completed_at";

    private static CsvReadResult<CsTask> Read(params string[] lines) =>
        CsvInputReader.ReadTasks(Of(lines), "tasks.csv");

    [Fact]
    public void ReadTasks_WithAndWithoutAccount_MapsEveryField()
    {
        var rows = AssertValid(Read(Header, "K1,ann,A1,qbr,2024-05-01,2024-05-10,2024-05-09", "K2,,,,2024-05-01,,"));

        Assert.Equal(new CsTask("K1", "ann", "A1", "qbr", Utc(2024, 5, 1), Utc(2024, 5, 10), Utc(2024, 5, 9)), rows[0]);
        Assert.Equal(new CsTask("K2", null, null, null, Utc(2024, 5, 1)), rows[1]);
    }

    [Fact]
    public void ReadTasks_DueBeforeCreated_IsAllowed()
    {
        var task = Assert.Single(AssertValid(Read(Header, "K1,ann,A1,qbr,2024-05-10,2024-05-01,")));

        Assert.Equal(Utc(2024, 5, 1), task.DueAt);
    }

    [Fact]
    public void ReadTasks_CompletedBeforeCreated_IsAnError()
    {
        AssertErrors(Read(Header, "K1,ann,A1,qbr,2024-05-10,,2024-05-09"),
            "tasks.csv:2: completed_at: 2024-05-09 is before created_at 2024-05-10");
    }

    [Fact]
    public void ReadTasks_UnknownOptionalAccount_IsAnError()
    {
        AssertErrors(CsvInputReader.ReadTasks(Of(Header, "K1,ann,A2,qbr,2024-05-10,,", "K2,ann,,qbr,2024-05-10,,"), "tasks.csv", AccountIndex.OfIds(["A1"])),
            "tasks.csv:2: account_id: unknown account 'A2' (not in accounts.csv)");
    }

    [Fact]
    public void ReadTasks_IdsOfEveryShape_ReadBackAsGiven_AndARepeatOfEachIsFound()
    {
        // Ids are kept as their numbers when numbered (as a ticket's, ADR 0365), as strings otherwise: the first id's
        // shape, another width, no digits, a quoted id with an escaped quote and a padded one each read back as written
        // (trimmed), and a repeat of a numbered id and of an unnumbered one is each a duplicate.
        string[] rows = ["K0001,ann,,,2024-05-10,,", "K12,ann,,,2024-05-10,,", "ext-task,ann,,,2024-05-10,,",
            "\"x\"\"7\",ann,,,2024-05-10,,", " K0002 ,ann,,,2024-05-10,,"];

        AssertErrors(Read([Header, .. rows, "K0001,bo,,,2024-05-11,,", "ext-task,bo,,,2024-05-11,,"]),
            "tasks.csv:7: task_id: duplicate task_id 'K0001' (first on line 2)",
            "tasks.csv:8: task_id: duplicate task_id 'ext-task' (first on line 4)");
        var valid = AssertValid(Read([Header, .. rows]));
        Assert.Equal(["K0001", "K12", "ext-task", "x\"7", "K0002"], valid.Select(t => t.TaskId));
        Assert.Equal(new CsTask("K0002", "ann", null, null, Utc(2024, 5, 10)), valid[4]);
    }

    [Fact]
    public void ReadTasks_DuplicateTaskId_IsAnError()
    {
        AssertErrors(Read(Header, "K1,ann,,,2024-05-10,,", "K1,bo,,,2024-05-11,,"),
            "tasks.csv:3: task_id: duplicate task_id 'K1' (first on line 2)");
    }
}
