namespace Tenure.Web.Surveys;

/// <summary>Surveys in the server (docs/surveys.md): the public page of signed links, the widget's endpoints, their limits, and the admin API.</summary>
internal static class SurveysExtensions
{
    public static IHostApplicationBuilder AddTenureSurveys(this IHostApplicationBuilder builder) => SurveyLimits.AddSurveyLimits(builder);

    /// <summary>The public routes (/s/{token}, /api/public/surveys/...), outside sign-in and API keys.</summary>
    public static IEndpointRouteBuilder MapTenureSurveys(this IEndpointRouteBuilder app) => app.MapSurveyPages().MapSurveyWidget();
}
