using Microsoft.Extensions.Options;

using Tenure.Metrics.Inputs;
using Tenure.Storage;
using Tenure.Storage.Surveys;

namespace Tenure.Web.Surveys;

/// <summary>
/// CSAT after a support case (docs/surveys.md): tickets resolved within the last days that arrive through the ingest
/// API ask the tenant's ticket survey once per ticket; a ticket with a requester_email is mailed through the mail
/// outbox, with links to Tenure:Surveys:BaseUrl (else the request's own scheme and host).
/// </summary>
public static partial class TicketSurveys
{
    /// <summary>
    /// Queues the requests of <paramref name="tickets"/>; failures are logged, never fail the import that carried them.
    /// Returns the sends it stored as the tenant's data holds them (for its copy in memory), or null when it stored none.
    /// </summary>
    public static async Task<StoredChange?> QueueAsync(HttpRequest request, TenureDatabase database, string tenant, IReadOnlyList<Ticket> tickets, CancellationToken cancellationToken)
    {
        var services = request.HttpContext.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TicketSurveys).FullName!);
        try
        {
            var baseUrl = services.GetRequiredService<IOptions<SurveyOptions>>().Value.LinkBaseFor(request);
            var requests = await SurveySends.QueueTicketRequestsAsync(database, tenant, tickets, baseUrl, cancellationToken);
            if (requests.Sends.Count > 0 || requests.Throttled > 0)
                LogQueued(logger, tenant, requests.Mailed, requests.PendingMail, requests.Throttled, requests.SurveyId);
            if (requests.NoSurvey > 0)
                LogNoSurvey(logger, tenant, requests.NoSurvey);
            return requests.Change;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e, tenant);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {Tenant}: CSAT requests for resolved tickets: {Mailed} mailed, {Pending} waiting for an e-mail address, {Throttled} throttled (survey {Survey})")]
    private static partial void LogQueued(ILogger logger, string tenant, int mailed, int pending, int throttled, string? survey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {Tenant}: no CSAT request for {Count} resolved tickets with a requester_email: no active csat survey is asked after tickets")]
    private static partial void LogNoSurvey(ILogger logger, string tenant, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Tenant {Tenant}: CSAT requests for resolved tickets could not be queued")]
    private static partial void LogFailed(ILogger logger, Exception e, string tenant);
}
