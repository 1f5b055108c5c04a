using Tenure.Metrics.Inputs;
using Tenure.Storage;
using Tenure.Storage.Surveys;

namespace Tenure.Web.Surveys;

/// <summary>
/// CSAT after a support case (docs/surveys.md): tickets resolved within the last days that arrive through the ingest
/// API or an import queue a CSAT request of every active csat survey asked after tickets, once per ticket.
/// </summary>
public static partial class TicketSurveys
{
    /// <summary>Queues the requests of <paramref name="tickets"/>; failures are logged, never fail the import that carried them.</summary>
    public static async Task QueueAsync(HttpRequest request, TenureDatabase database, string tenant, IReadOnlyList<Ticket> tickets, CancellationToken cancellationToken)
    {
        try
        {
            var sends = await SurveySends.QueueTicketRequestsAsync(database, tenant, tickets, cancellationToken);
            if (sends.Count > 0)
                LogQueued(request.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TicketSurveys).FullName!), tenant, sends.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(request.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TicketSurveys).FullName!), e, tenant);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {Tenant}: {Count} CSAT requests queued for resolved tickets")]
    private static partial void LogQueued(ILogger logger, string tenant, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Tenant {Tenant}: CSAT requests for resolved tickets could not be queued")]
    private static partial void LogFailed(ILogger logger, Exception e, string tenant);
}
