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
}
