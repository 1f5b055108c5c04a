using Tenure.Storage;
using Tenure.Storage.Users;

namespace Tenure.Web.Settings;

/// <summary>
/// The workspace setting "CSMs see only their own book" (tenant_settings.csm_own_book, "on" or "off"; on
/// when never set), changed on /settings by a manager or an admin. On: a user with role csm sees only the
/// accounts whose csm is theirs, on every page (see <see cref="Dashboards.AccountScope"/>).
/// </summary>
public sealed class CsmOwnBookSetting(TenureDatabase database)
{
    public const string On = "on";
    public const string Off = "off";

    /// <summary>True unless the tenant turned it off.</summary>
    public async Task<bool> GetAsync(string tenant, CancellationToken cancellationToken = default) =>
        !string.Equals(await TenantSettings.GetAsync(database, tenant, TenantSettings.CsmOwnBook, cancellationToken), Off, StringComparison.OrdinalIgnoreCase);

    public Task SetAsync(string tenant, bool ownBookOnly, CancellationToken cancellationToken = default) =>
        TenantSettings.SetAsync(database, tenant, TenantSettings.CsmOwnBook, ownBookOnly ? On : Off, cancellationToken);
}
