namespace Tenure.Web.Hosting;

internal static class NoSniffExtensions
{
    /// <summary>
    /// X-Content-Type-Options: nosniff on every response, so stored text (a survey comment holding
    /// "&lt;script&gt;") served as JSON or CSV is never sniffed and run as HTML by a browser.
    /// </summary>
    public static IApplicationBuilder UseNoSniff(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return next(context);
        });
}
