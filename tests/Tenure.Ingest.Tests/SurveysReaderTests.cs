using static Tenure.Ingest.Tests.Csv;

namespace Tenure.Ingest.Tests;

public class SurveysReaderTests
{
    private const string Header = "response_id,survey,account_id,user_id,score,scale,comment,submitted_at,ticket_id";

    private static CsvReadResult<SurveyResponse> Read(params string[] lines) =>
        CsvInputReader.ReadSurveys(Of(lines), "surveys.csv");

    [Fact]
    public void ReadSurveys_AllColumns_MapsEveryField()
    {
        var response = Assert.Single(AssertValid(Read(Header, "R1,NPS,A1,U1,9,0-10,\"Great, thanks\",2024-06-01T12:00:00Z,T1")));

        Assert.Equal(new SurveyResponse("R1", "nps", "A1", "U1", 9, Scale.ZeroToTen, "Great, thanks", Utc(2024, 6, 1, 12), "T1"), response);
    }

    [Theory]
    [InlineData("nps", "0-10", 0)]
    [InlineData("nps", "0-10", 10)]
    [InlineData("csat", "1-5", 5)]
    [InlineData("csat", "1-7", 1)]
    [InlineData("csat", "1-10", 10)]
    [InlineData("csat", "0-10", 0)]
    [InlineData("ces", "1-7", 7)]
    [InlineData("onboarding", "1-5", 3)]
    public void ReadSurveys_AllowedScaleAndScore_IsValid(string survey, string scale, int score)
    {
        var response = Assert.Single(AssertValid(Read(Header, $"R1,{survey},A1,,{score},{scale},,2024-06-01,")));

        Assert.Equal((survey, score, scale), (response.Survey, response.Score, response.Scale.Format()));
    }

    [Theory]
    [InlineData("nps", "1-10", "nps answers must be on the 0-10 scale, not 1-10")]
    [InlineData("nps", "1-5", "nps answers must be on the 0-10 scale, not 1-5")]
    [InlineData("ces", "1-5", "ces answers must be on the 1-7 scale, not 1-5")]
    [InlineData("ces", "0-10", "ces answers must be on the 1-7 scale, not 0-10")]
    public void ReadSurveys_StandardSurveyOnWrongScale_IsAnError(string survey, string scale, string message)
    {
        AssertErrors(Read(Header, $"R1,{survey},A1,,1,{scale},,2024-06-01,"),
            $"surveys.csv:2: scale: {message}");
    }

    [Theory]
    [InlineData("nps", "0-10", 11)]
    [InlineData("nps", "0-10", -1)]
    [InlineData("csat", "1-5", 0)]
    [InlineData("csat", "1-5", 6)]
    [InlineData("ces", "1-7", 8)]
    [InlineData("custom", "1-10", 0)]
    public void ReadSurveys_ScoreOutsideScale_IsAnError(string survey, string scale, int score)
    {
        AssertErrors(Read(Header, $"R1,{survey},A1,,{score},{scale},,2024-06-01,"),
            $"surveys.csv:2: score: {score} is outside the {scale} scale");
    }

    [Fact]
    public void ReadSurveys_UnknownScale_IsAnError()
    {
        AssertErrors(Read(Header, "R1,csat,A1,,3,1-3,,2024-06-01,"),
            "surveys.csv:2: scale: '1-3' is not one of 0-10, 1-5, 1-7, 1-10");
    }

    [Fact]
    public void ReadSurveys_FractionalScore_IsAnError()
    {
        AssertErrors(Read(Header, "R1,nps,A1,,8.5,0-10,,2024-06-01,"),
            "surveys.csv:2: score: '8.5' is not a whole number");
    }

    [Fact]
    public void ReadSurveys_DuplicateResponseId_IsAnError()
    {
        AssertErrors(Read(Header, "R1,nps,A1,,9,0-10,,2024-06-01,", "R1,nps,A1,,9,0-10,,2024-06-02,"),
            "surveys.csv:3: response_id: duplicate response_id 'R1' (first on line 2)");
    }

    [Fact]
    public void ReadSurveys_BlankSurvey_IsRequired()
    {
        AssertErrors(Read(Header, "R1,,A1,,9,0-10,,2024-06-01,"),
            "surveys.csv:2: survey: value is required");
    }

    [Fact]
    public void ReadSurveys_MissingScaleColumn_IsAnError()
    {
        AssertErrors(Read("response_id,survey,account_id,score,submitted_at", "R1,nps,A1,9,2024-06-01"),
            "surveys.csv:1: scale: required column is missing");
    }

    [Fact]
    public void ReadSurveys_RepeatedCommentsAreOneStringAndTicketIdsReadBack()
    {
        var answers = AssertValid(Read(Header,
            "rsp_01,csat,A1,,5,1-5,\"Quick and friendly, thanks!\",2024-06-01,tkt_0007",
            "rsp_02,csat,A2,,4,1-5,Slow,2024-06-02,",
            "rsp_03,csat,A1,,5,1-5,\"Quick and friendly, thanks!\",2024-06-03,T-9"));

        Assert.Equal(["Quick and friendly, thanks!", "Slow", "Quick and friendly, thanks!"], answers.Select(a => a.Comment));
        Assert.Same(answers[0].Comment, answers[2].Comment);
        Assert.Equal(["tkt_0007", null, "T-9"], answers.Select(a => a.TicketId));
        Assert.Equal(["rsp_01", "rsp_02", "rsp_03"], answers.Select(a => a.ResponseId));
    }
}
