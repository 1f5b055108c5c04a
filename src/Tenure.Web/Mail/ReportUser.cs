using Tenure.Web.Dashboards;

namespace Tenure.Web.Mail;

/// <summary>
/// Who a scheduled mail reads the dashboards as: a tenant's whole book (a report), or one CSM's book (a digest), never
/// allowed to change anything.
/// </summary>
internal sealed class ReportUser(string tenant, string? csm = null) : ICurrentUser
{
    public string Tenant => tenant;

    public string? Csm => csm;

    public bool CanChange => false;

    public string DisplayName => csm is null ? "scheduled report" : $"digest of {csm}";
}
