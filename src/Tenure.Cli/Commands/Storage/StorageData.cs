using Tenure.Metrics.Inputs;
using Tenure.Storage;

namespace Tenure.Cli.Commands.Storage;

/// <summary>Reads a tenant's stored data for a command, as `--data` would read files.</summary>
internal static class StorageData
{
    public static async Task<TenureDataSet> LoadAsync(CliContext context, string db, string? tenant, CancellationToken cancellationToken) =>
        (await LoadWithSettingsAsync(context, db, tenant, [], cancellationToken)).Data;

    /// <summary>The tenant's data and the values of its workspace settings <paramref name="settings"/> (tenant_settings; null when never set).</summary>
    public static async Task<(TenureDataSet Data, IReadOnlyDictionary<string, string?> Settings)> LoadWithSettingsAsync(
        CliContext context, string db, string? tenant, IReadOnlyList<string> settings, CancellationToken cancellationToken)
    {
        var location = StorageOptions.Location(db);
        var tenantName = StorageOptions.TenantName(tenant);
        await using var database = await StorageOptions.OpenExistingAsync(context, location, db, cancellationToken);
        var data = await StoredData.LoadAsync(database, tenantName, cancellationToken);
        if (data.Present == InputKind.None)
            throw new CliException($"error: {location.Describe()} holds no data for tenant '{tenantName}'; `tenure import DIR --db ...` loads some.");
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var setting in settings)
            values[setting] = await Tenure.Storage.Users.TenantSettings.GetAsync(database, tenantName, setting, cancellationToken);
        return (data, values);
    }
}
