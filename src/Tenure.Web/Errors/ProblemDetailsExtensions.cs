namespace Tenure.Web.Errors;

internal static class ProblemDetailsExtensions
{
    /// <summary>ProblemDetails for every error (status code pages included) through one exception handler.</summary>
    public static IHostApplicationBuilder AddTenureProblemDetails(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        return builder;
    }
}
