using static Tenure.Ingest.Tests.Csv;

namespace Tenure.Ingest.Tests;

public class NotesReaderTests
{
    private const string Header = "note_id,account_id,date,source,text";

    private static CsvReadResult<Note> Read(params string[] lines) =>
        CsvInputReader.ReadNotes(Of(lines), "notes.csv");

    [Fact]
    public void ReadNotes_MultiLineQuotedText_KeepsItsLineBreaksQuotesAndCommas()
    {
        var note = Assert.Single(AssertValid(Read(Header, "N1,A1,2024-05-01,interview,\"Said \"\"slow\"\", then:", "exports, mostly\"")));

        Assert.Equal(new Note("N1", "A1", Utc(2024, 5, 1), "interview", "Said \"slow\", then:\nexports, mostly"), note);
    }

    [Fact]
    public void ReadNotes_WithoutAccount_IsValid()
    {
        var note = Assert.Single(AssertValid(Read("note_id,date", "N1,2024-05-01")));

        Assert.Equal(new Note("N1", null, Utc(2024, 5, 1), null, null), note);
    }

    [Fact]
    public void ReadNotes_DuplicateNoteId_IsAnError()
    {
        AssertErrors(Read(Header, "N1,A1,2024-05-01,call,hi", "N1,A1,2024-05-02,call,hi"),
            "notes.csv:3: note_id: duplicate note_id 'N1' (first on line 2)");
    }

    [Fact]
    public void ReadNotes_MissingDateColumn_IsAnError()
    {
        AssertErrors(Read("note_id,text", "N1,hello"),
            "notes.csv:1: date: required column is missing");
    }
}
