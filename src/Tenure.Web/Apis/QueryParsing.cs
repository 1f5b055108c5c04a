using System.Globalization;

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

using Tenure.Metrics.Engine;
using Tenure.Metrics.Periods;
using Tenure.Web.Errors;

namespace Tenure.Web.Apis;

/// <summary>A query parameter that cannot be used; becomes 400 ProblemDetails naming it.</summary>
public sealed class QueryParameterException(string parameter, string message) : Exception(message)
{
    public string Parameter { get; } = parameter;

    public ProblemHttpResult ToResult()
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Type = ProblemTypes.InvalidParameter,
            Title = "Invalid query parameter",
            Detail = Message,
        };
        problem.Extensions["parameter"] = Parameter;
        return TypedResults.Problem(problem);
    }
}

/// <summary>Query parameter values of the non-metric routes, with errors naming the parameter (metric requests: <see cref="Tenure.Metrics.Reporting.MetricRequestParser"/>).</summary>
public static class QueryParsing
{
    /// <summary>
    /// A date (yyyy-MM-dd, midnight UTC) or an ISO-8601 instant (UTC unless an offset is given) within the supported
    /// calendar (<see cref="RangeBound.IsSupported"/>); null when absent.
    /// </summary>
    public static DateTime? OptionalInstant(string? text, string parameter)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (RangeBound.TryParse(text, out var instant))
        {
            if (!RangeBound.IsSupported(instant))
                throw new QueryParameterException(parameter, $"{parameter} '{text}' is outside the supported calendar ({RangeBound.SupportedText}).");
            return instant;
        }
        throw new QueryParameterException(parameter, $"{parameter} '{text}' is not a date (expected yyyy-MM-dd or an ISO-8601 timestamp).");
    }

    /// <summary>A whole number within [<paramref name="min"/>, <paramref name="max"/>], or <paramref name="fallback"/> when absent.</summary>
    public static int WholeNumber(string? text, string parameter, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
            return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        throw new QueryParameterException(parameter, $"{parameter} '{text}' must be a whole number from {min} to {max}.");
    }
}
