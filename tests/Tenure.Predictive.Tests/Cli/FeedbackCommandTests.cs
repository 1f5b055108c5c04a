using System.Text.Json;

namespace Tenure.Predictive.Tests.Cli;

public class FeedbackCommandTests
{
    [Fact]
    public void Sentiment_Json_OneResultPerRowInInputOrder()
    {
        var dir = TestData.TempDirectory();
        var file = Path.Combine(dir, "comments.csv");
        File.WriteAllText(file, "id,comment\n1,\"The new reports are great, thank you!\"\n2,The app keeps crashing and support never replies.\n3,\n4,\"Pricing is fair, \"\"no complaints\"\"\"\n");

        var run = CliRun.Of("feedback", "sentiment", "--input", file, "--text-column", "Comment", "--format", "json");

        Assert.True(run.ExitCode == 0, run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4], results.Select(r => r.GetProperty("row").GetInt32()));
        Assert.Equal(["positive", "negative", "neutral", "positive"], results.Select(r => r.GetProperty("sentiment").GetString()));
        Assert.All(results, r => Assert.InRange(r.GetProperty("score").GetDouble(), 0, 1));
        Assert.Equal(0.5, results[2].GetProperty("score").GetDouble());
        Assert.Equal(["reports"], results[0].GetProperty("themes").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["support", "bugs"], results[1].GetProperty("themes").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["row", "sentiment", "score", "themes"], results[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Sentiment_MissingColumnOrFile_IsBadInputNamingIt()
    {
        var dir = TestData.TempDirectory();
        var file = Path.Combine(dir, "comments.csv");
        File.WriteAllText(file, "id,comment\n1,Good\n");

        CliRun.Of("feedback", "sentiment", "--input", file, "--text-column", "text").AssertBadInput("comments.csv:1: text: no such column (the header has: id, comment)");
        CliRun.Of("feedback", "sentiment", "--input", Path.Combine(dir, "nope.csv"), "--text-column", "comment").AssertBadInput("--input");
        CliRun.Of("feedback", "sentiment", "--input", file, "--text-column", "comment", "--format", "csv").AssertBadInput("--format 'csv'");
    }

    [Fact]
    public void Sentiment_Table_ListsEveryRow()
    {
        var dir = TestData.TempDirectory();
        var file = Path.Combine(dir, "comments.csv");
        File.WriteAllText(file, "comment\nSlow support\nGreat reports\n");
        var run = CliRun.Of("feedback", "sentiment", "--input", file, "--text-column", "comment");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Slow support", run.Out, StringComparison.Ordinal);
        Assert.Contains("negative", run.Out, StringComparison.Ordinal);
        Assert.Contains("positive", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Themes_FromFiles_RanksThemesAndDrivers()
    {
        var dir = TestData.TempDirectory();
        File.WriteAllText(Path.Combine(dir, "accounts.csv"), "account_id,name,created_at,segment\na1,Acme,2025-01-01,smb\na2,Globex,2025-01-01,enterprise\n");
        File.WriteAllText(Path.Combine(dir, "surveys.csv"),
            "response_id,survey,account_id,score,scale,comment,submitted_at\n" +
            "r1,nps,a1,2,0-10,Support is slow,2026-03-01\n" +
            "r2,nps,a1,5,0-10,Too expensive,2026-03-02\n" +
            "r3,nps,a2,10,0-10,Great support,2026-03-03\n" +
            "r4,nps,a2,9,0-10,Love the reports,2026-03-04\n" +
            "r5,nps,a2,8,0-10,<script>alert(1)</script> pricing is fine,2026-03-05\n");

        var run = CliRun.Of("feedback", "themes", "--data", dir, "--format", "json", "--by", "segment");

        Assert.True(run.ExitCode == 0, run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        Assert.Equal(5, root.GetProperty("comments").GetInt32());
        Assert.Equal("segment", root.GetProperty("by").GetString());
        // D = P = 2; pricing: d 1, p 0 -> (2/4) / (1/4) = 2 (see ThemeReportTests).
        var drivers = root.GetProperty("drivers").EnumerateArray().ToList();
        Assert.Equal("pricing", drivers[0].GetProperty("theme").GetString());
        Assert.Equal(2.0, drivers[0].GetProperty("lift").GetDouble());
        Assert.Equal(["enterprise", "smb"], root.GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("segment").GetString()));

        var table = CliRun.Of("feedback", "themes", "--data", dir, "--from", "2026-03-03");
        Assert.True(table.ExitCode == 0, table.Error);
        Assert.Contains("All comments: 3", table.Out, StringComparison.Ordinal);

        CliRun.Of("feedback", "themes", "--data", dir, "--by", "cohort").AssertBadInput("--by 'cohort'");
        CliRun.Of("feedback", "themes", "--data", dir, "--from", "March").AssertBadInput("--from 'March'");
    }
}
