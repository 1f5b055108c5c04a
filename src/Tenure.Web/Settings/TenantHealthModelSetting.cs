using Tenure.Metrics.Health;
using Tenure.Storage;
using Tenure.Storage.Health;
using Tenure.Storage.Users;

namespace Tenure.Web.Settings;

/// <summary>
/// The workspace's account health model as health.json text (<c>tenant_settings.health_model</c>, docs/health.md), set
/// on /settings by an admin and used by every health figure of the workspace: the accounts list, the "At risk" view,
/// the account page, <c>GET /api/v1/health</c> and <c>tenure health --db</c> without <c>--config</c>. Never set:
/// METRICS.md's model (<see cref="HealthModel.Default"/>).
/// </summary>
public sealed partial class TenantHealthModelSetting(TenureDatabase database, ILogger<TenantHealthModelSetting> logger)
{
    /// <summary>How errors name the setting: "Health model: factors.usage.weight: must be &gt;= 0".</summary>
    public const string Source = StoredHealthModel.Source;

    /// <summary>The default model written out, exactly docs/health.json (the text the settings page starts from).</summary>
    public static string DefaultText { get; } = ReadDefaultText();

    /// <summary>
    /// The workspace's model and the text it was read from (null: the default). A stored text that no longer reads (a
    /// later version validating more strictly) is logged and the default is used, so the pages still load.
    /// </summary>
    public async Task<WorkspaceHealthModel> GetAsync(string tenant, CancellationToken cancellationToken = default)
    {
        var (model, text) = await StoredHealthModel.ReadAsync(database, tenant, problem => LogUnreadable(tenant, problem), cancellationToken);
        return text is null ? WorkspaceHealthModel.Default : new WorkspaceHealthModel(model, text);
    }

    /// <summary>
    /// Stores the health.json text typed on the settings page, after <see cref="HealthModelJson.Parse"/> accepted it;
    /// blank text or the default text removes the setting. Returns the error naming the field and the rule (nothing
    /// stored), else null.
    /// </summary>
    public async Task<string?> SetAsync(string tenant, string? text, CancellationToken cancellationToken = default)
    {
        var trimmed = text?.Trim();
        if (!string.IsNullOrEmpty(trimmed))
        {
            try
            {
                HealthModelJson.Parse(trimmed, Source);
            }
            catch (HealthModelException e)
            {
                return e.Message;
            }
        }
        var stored = string.IsNullOrEmpty(trimmed) || Normalised(trimmed) == Normalised(DefaultText) ? null : trimmed;
        await TenantSettings.SetAsync(database, tenant, TenantSettings.HealthModel, stored, cancellationToken);
        return null;
    }

    /// <summary>Line endings as \n, so the default text pasted back from a browser (which posts \r\n) counts as the default.</summary>
    private static string Normalised(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    private static string ReadDefaultText()
    {
        using var stream = typeof(TenantHealthModelSetting).Assembly.GetManifestResourceStream("Tenure.Web.DefaultHealthModel.json")
            ?? throw new InvalidOperationException("The default health model (docs/health.json) is not embedded in Tenure.Web.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Trim();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The health model stored for tenant {Tenant} does not read ({Problem}); the default model is used")]
    private partial void LogUnreadable(string tenant, string problem);
}

/// <summary>A workspace's health model and the health.json text it came from (<see cref="Text"/> null: METRICS.md's default).</summary>
public sealed record WorkspaceHealthModel(HealthModel Model, string? Text)
{
    public static WorkspaceHealthModel Default { get; } = new(HealthModel.Default, null);

    /// <summary>A text that differs whenever the model differs, for cache keys.</summary>
    public string Key => Text ?? "";
}
