using Tenure.Metrics.Inputs;

namespace Tenure.Storage.Tests;

/// <summary>
/// Changes applied to a data set in memory (<see cref="StoredChange"/>) give the rows in the order a load reads them:
/// survey responses by response id in code point order (what SQLite's BINARY and PostgreSQL's "C" collations sort
/// UTF-8 by), one row per response id; a change whose rows are not there is refused (null) rather than guessed.
/// </summary>
public sealed class StoredChangeTests
{
    private static readonly DateTime At = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    private static SurveyResponse Response(string id, int score, string? comment = null) =>
        new(id, "nps", "A1", "u1", score, Scale.ZeroToTen, comment, At);

    private static TenureDataSet WithSurveys(params SurveyResponse[] rows) => new() { Surveys = rows, Present = InputKind.Accounts | InputKind.Surveys };

    [Fact]
    public void ANewResponse_GoesWhereALoadWouldReadIt_InCodePointOrder()
    {
        // U+E000 sorts before U+1F600 by code point (and in UTF-8), after it in UTF-16 units: the load's order is the first.
        var data = WithSurveys(Response("a", 1), Response("c", 2), Response("x\uE000", 3), Response("x\U0001F600", 4));

        var withB = new SurveyResponseStored(7, Response("b", 9)).ApplyTo(data)!;
        var atEnd = new SurveyResponseStored(8, Response("z", 5)).ApplyTo(data)!;
        var between = new SurveyResponseStored(9, Response("x\uF000", 6)).ApplyTo(data)!;

        Assert.Equal(["a", "b", "c", "x\uE000", "x\U0001F600"], withB.Surveys.Select(s => s.ResponseId));
        Assert.Equal(["a", "c", "x\uE000", "x\U0001F600", "z"], atEnd.Surveys.Select(s => s.ResponseId));
        Assert.Equal(["a", "c", "x\uE000", "x\uF000", "x\U0001F600"], between.Surveys.Select(s => s.ResponseId));
        Assert.Equal(4, data.Surveys.Count); // the data given is not changed
    }

    [Fact]
    public void AnAnswerAgain_ReplacesItsResponse_KeepingOneRow()
    {
        var data = WithSurveys(Response("a", 1), Response("b", 3), Response("c", 2));

        var changed = new SurveyResponseStored(5, Response("b", 10, "Fast support")).ApplyTo(data)!;

        Assert.Equal(["a", "b", "c"], changed.Surveys.Select(s => s.ResponseId));
        Assert.Equal((10, "Fast support"), (changed.Surveys[1].Score, changed.Surveys[1].Comment));
    }

    [Fact]
    public void TheFirstResponse_MakesSurveysPresent()
    {
        var data = new TenureDataSet { Present = InputKind.Accounts };

        var changed = new SurveyResponseStored(2, Response("a", 8)).ApplyTo(data)!;

        Assert.True(changed.Has(InputKind.Surveys));
        Assert.Single(changed.Surveys);
    }

    [Fact]
    public void AnOwnTask_ReplacesItselfInPlace_OrIsAddedLast()
    {
        var data = new TenureDataSet
        {
            Tasks = [new CsTask("k1", "ann", "A1", null, At), new CsTask("tenure-task-3", "ann", "A1", null, At), new CsTask("tenure-task-7", "bo", "A2", null, At)],
            Present = InputKind.Accounts | InputKind.Tasks,
        };

        var completed = new OwnTaskStored(9, new CsTask("tenure-task-3", "ann", "A1", null, At, CompletedAt: At.AddDays(1))).ApplyTo(data)!;
        var created = new OwnTaskStored(9, new CsTask("tenure-task-8", null, "A2", "qbr", At)).ApplyTo(data)!;

        Assert.Equal(["k1", "tenure-task-3", "tenure-task-7"], completed.Tasks.Select(t => t.TaskId));
        Assert.Equal(At.AddDays(1), completed.Tasks[1].CompletedAt);
        Assert.Equal(["k1", "tenure-task-3", "tenure-task-7", "tenure-task-8"], created.Tasks.Select(t => t.TaskId));
        Assert.Null(data.Tasks[1].CompletedAt); // the data given is not changed
    }

    [Fact]
    public void AnOwnNote_IsAddedLast_AndMakesNotesPresent()
    {
        var data = new TenureDataSet { Notes = [new Note("n1", "A1", At, "call", "Imported")], Present = InputKind.Accounts | InputKind.Notes };

        var added = new OwnNoteStored(4, new Note("tenure-note-1", "A2", At, "csm", "Champion left")).ApplyTo(new TenureDataSet { Present = InputKind.Accounts })!;
        var after = new OwnNoteStored(4, new Note("tenure-note-2", "A2", At, "csm", "Renewal call booked")).ApplyTo(data)!;

        Assert.True(added.Has(InputKind.Notes));
        Assert.Equal(["n1", "tenure-note-2"], after.Notes.Select(n => n.NoteId));
    }

    [Fact]
    public void ASendAnswered_NamesItsResponse_AndAnUnknownSendIsRefused()
    {
        var sends = new[] { new SurveySend("s1", "nps", "A1", At), new SurveySend("s2", "nps", "B1", At) };
        var data = new TenureDataSet { SurveySends = sends, Present = InputKind.Accounts };

        var answered = new SurveySendAnswered(4, "s2", "tenure-s2").ApplyTo(data)!;

        Assert.Equal([null, "tenure-s2"], answered.SurveySends!.Select(s => s.ResponseId));
        Assert.Null(new SurveySendAnswered(4, "s3", "tenure-s3").ApplyTo(data));
        Assert.Null(new SurveySendAnswered(4, "s1", "tenure-s1").ApplyTo(new TenureDataSet())); // no sends loaded at all
        Assert.Same(data, new NothingLoadedChanged(4).ApplyTo(data));
    }

    [Fact]
    public void SurveySends_GoWhereALoadReadsThem_ByIdInCodePointOrder_AndTheFirstMakesSendsKnown()
    {
        static SurveySend Send(string id, string? response = null) => new(id, "csat", "A1", At, response);
        var none = new TenureDataSet { Present = InputKind.Accounts };

        var first = new SurveySendsStored(3, [Send("b")]).ApplyTo(none)!;
        var more = new SurveySendsStored(4, [Send("a"), Send("c"), Send("b", "R1")]).ApplyTo(first)!;

        Assert.Null(none.SurveySends); // sends unknown until Tenure sent one
        Assert.Equal(["b"], first.SurveySends!.Select(s => s.SendId));
        Assert.Equal(["a", "b", "c"], more.SurveySends!.Select(s => s.SendId));
        Assert.Equal("R1", more.SurveySends![1].ResponseId); // the send with its id replaced
        Assert.Null(first.SurveySends![0].ResponseId); // the data given is not changed
    }
}
