namespace Tenure.Web.Surveys;

/// <summary>Which step of the public survey page is shown.</summary>
public enum SurveyStep { Score, Comment, Thanks, Refused }

/// <summary>
/// What the public survey page shows (<see cref="SurveyPageView"/>): the step, the survey's texts in the asked
/// language, its scale, the token the forms post back, the person's current answer, and for a refusal its title and
/// words. Holds nothing about any other respondent.
/// </summary>
public sealed record SurveyPageModel(
    SurveyStep Step,
    string Title,
    string Text,
    string? Token = null,
    int Min = 0,
    int Max = 10,
    bool Faces = false,
    string? LowLabel = null,
    string? HighLabel = null,
    int? Score = null,
    string? Comment = null,
    string? Error = null,
    string Language = "en")
{
    /// <summary>The five faces of a faces scale, for 1 to 5.</summary>
    public static IReadOnlyList<string> FaceSymbols { get; } = ["😠", "🙁", "😐", "🙂", "😀"];

    /// <summary>The faces' names (screen readers, and the value a face stands for).</summary>
    public static IReadOnlyList<string> FaceNames { get; } = ["Very unsatisfied", "Unsatisfied", "Neutral", "Satisfied", "Very satisfied"];
}
