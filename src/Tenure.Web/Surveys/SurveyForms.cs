using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Tenure.Web.Surveys;

/// <summary>Reads the small form bodies of the public survey endpoints under <see cref="SurveyOptions.MaxFormBytes"/>.</summary>
internal static class SurveyForms
{
    /// <summary>The form, or null with the status to answer: 413 (too large) or 415 (not a form).</summary>
    public static async Task<(IFormCollection? Form, int Status)> ReadAsync(HttpRequest request, IOptions<SurveyOptions> options, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxFormBytes;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = max;
        if (request.ContentLength > max) return (null, StatusCodes.Status413PayloadTooLarge);
        if (!request.HasFormContentType) return (null, StatusCodes.Status415UnsupportedMediaType);
        try
        {
            var form = await request.ReadFormAsync(new FormOptions
            {
                ValueCountLimit = 16,
                KeyLengthLimit = 64,
                ValueLengthLimit = max,
                MultipartBodyLengthLimit = max,
                BufferBody = false,
            }, cancellationToken);
            return (form, StatusCodes.Status200OK);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            return (null, StatusCodes.Status413PayloadTooLarge);
        }
    }
}
