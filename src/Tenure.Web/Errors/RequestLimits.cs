using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

using Tenure.Web.Hosting;

namespace Tenure.Web.Errors;

/// <summary>The 413 answer for a body over Tenure:Api:MaxRequestBytes, wherever the limit is noticed.</summary>
internal static class RequestLimits
{
    public static ProblemDetails TooLarge(HttpContext context)
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxRequestBytes;
        return new ProblemDetails
        {
            Status = StatusCodes.Status413PayloadTooLarge,
            Type = ProblemTypes.PayloadTooLarge,
            Title = "Request body too large",
            Detail = $"The body is larger than the limit of {limit} bytes (Tenure:Api:MaxRequestBytes); send the rows in smaller batches.",
        };
    }

    public static ProblemHttpResult TooLargeResult(HttpContext context) => TypedResults.Problem(TooLarge(context));
}
