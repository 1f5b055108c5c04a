using Microsoft.AspNetCore.Components;

using Tenure.Web.Dashboards;

namespace Tenure.Web.Components.Pages;

/// <summary>
/// What every page has: the request (static server rendering: the query string is the page state), the
/// page-model services and the segment filter choices. Sign-in: add <c>@attribute [Authorize]</c> to a page.
/// </summary>
public abstract class DashboardPageBase : ComponentBase
{
    [CascadingParameter] public HttpContext? HttpContext { get; set; }

    [Inject] public DashboardPages Pages { get; set; } = default!;

    protected IReadOnlyDictionary<string, IReadOnlyList<string>> Choices { get; private set; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>A query-string value (null when absent).</summary>
    protected string? Query(string key) => HttpContext is null ? null : (string?)HttpContext.Request.Query[key];

    protected CancellationToken Aborted => HttpContext?.RequestAborted ?? CancellationToken.None;

    protected async Task LoadChoicesAsync() => Choices = await Pages.ChoicesAsync(Aborted);

    /// <summary>Why the query was refused (400), shown instead of the page; null when it was not.</summary>
    protected string? Refusal { get; private set; }

    /// <summary>
    /// Refuses the request (400, <see cref="Refusal"/>) when a date of the query (<see cref="DashboardQuery.DateParameters"/>)
    /// is a date outside the supported calendar: no period of the page can be shown for it, so the page says so
    /// instead of showing another period.
    /// </summary>
    protected bool RefuseDatesOutsideCalendar()
    {
        Refusal = DashboardQuery.OutsideCalendar(Query);
        if (Refusal is not null && HttpContext is not null)
            HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return Refusal is not null;
    }
}
