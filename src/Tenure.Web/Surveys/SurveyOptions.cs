using System.ComponentModel.DataAnnotations;

namespace Tenure.Web.Surveys;

/// <summary>The "Tenure:Surveys" configuration section: the limits of the public survey page and widget (docs/surveys.md).</summary>
public sealed class SurveyOptions
{
    public const string Section = "Tenure:Surveys";

    /// <summary>Requests a minute one client address may make to the public survey page and widget (default 60).</summary>
    [Range(1, 100_000)]
    public int RequestsPerMinutePerAddress { get; set; } = 60;

    /// <summary>Requests a minute one token (a link or a widget user) may make (default 20).</summary>
    [Range(1, 100_000)]
    public int RequestsPerMinutePerToken { get; set; } = 20;

    /// <summary>The largest form body accepted, in bytes (default 16 KiB: a 2,000-character comment in any script fits).</summary>
    [Range(1024, 1_048_576)]
    public int MaxFormBytes { get; set; } = 16 * 1024;
}
