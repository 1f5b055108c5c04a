using System.ComponentModel.DataAnnotations;

using Tenure.Storage.Surveys;

namespace Tenure.Web.Surveys;

/// <summary>The "Tenure:Surveys" configuration section: where survey links point, and the limits of the public survey page and widget (docs/surveys.md).</summary>
public sealed class SurveyOptions : IValidatableObject
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

    /// <summary>
    /// Where people reach this server (https://tenure.example.com): the base of the links in survey e-mails the server
    /// queues (CSAT requests after tickets posted to the API) and of the links API when the request names none. Unset:
    /// the scheme and host of the request that caused them.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>The link base for a request: <see cref="BaseUrl"/> when set, otherwise the request's own scheme and host.</summary>
    public string LinkBaseFor(HttpRequest request) =>
        string.IsNullOrWhiteSpace(BaseUrl) ? $"{request.Scheme}://{request.Host}" : BaseUrl.Trim().TrimEnd('/');

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(BaseUrl) && !SurveySends.IsBaseUrl(BaseUrl.Trim()))
            yield return new ValidationResult($"Tenure:Surveys:BaseUrl '{BaseUrl}' is not an http:// or https:// URL.", [nameof(BaseUrl)]);
    }
}
