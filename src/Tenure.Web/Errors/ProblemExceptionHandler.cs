using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

using Tenure.Metrics.Engine;
using Tenure.Storage;

namespace Tenure.Web.Errors;

/// <summary>
/// Turns every exception that escapes an endpoint into a ProblemDetails response: a bad request
/// from the server (body over the size limit, malformed request) keeps its status; stored figures
/// too large to compute with are a 422 data error naming the metric and account; a database that
/// cannot be used (corrupted, disk full) is a 503; anything else
/// is a 500 whose detail says nothing about the internals (it is logged instead).
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem;
        switch (exception)
        {
            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                problem = RequestLimits.TooLarge(httpContext);
                break;
            case BadHttpRequestException bad:
                problem = new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message };
                break;
            case DataOverflowException overflow:
                // The tenant's own data is at fault (stored around the input limits): say which figures.
                LogDataError(overflow, httpContext.Request.Method, httpContext.Request.Path);
                problem = new ProblemDetails
                {
                    Status = StatusCodes.Status422UnprocessableEntity,
                    Type = ProblemTypes.DataError,
                    Title = "The data cannot be computed",
                    Detail = overflow.Message,
                };
                break;
            case var failure when DatabaseFailure.IsDatabaseFailure(failure):
                LogDatabaseFailure(failure, httpContext.Request.Method, httpContext.Request.Path);
                problem = new ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Type = ProblemTypes.DatabaseUnavailable,
                    Title = "Database unavailable",
                    Detail = "The database cannot be used right now; the error is in the server's log and /health reports it.",
                };
                break;
            case OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested:
                return true; // the client went away; nobody is listening for an answer
            default:
                LogUnhandled(exception, httpContext.Request.Method, httpContext.Request.Path);
                problem = new ProblemDetails
                {
                    Status = StatusCodes.Status500InternalServerError,
                    Type = ProblemTypes.ServerError,
                    Title = "Server error",
                    Detail = "The server failed to handle the request; the error is in its log.",
                };
                break;
        }
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Data error on {Method} {Path}")]
    private partial void LogDataError(Exception exception, string method, PathString path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Database failure on {Method} {Path}")]
    private partial void LogDatabaseFailure(Exception exception, string method, PathString path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    private partial void LogUnhandled(Exception exception, string method, PathString path);
}
