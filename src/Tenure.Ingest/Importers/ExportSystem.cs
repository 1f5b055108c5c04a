namespace Tenure.Ingest.Importers;

/// <summary>A system whose exports `tenure import --from` reads (docs/importers.md).</summary>
public enum ExportSystem { Stripe, Zendesk, HubSpot, Intercom }

public static class ExportSystems
{
    /// <summary>The names `--from` takes, in documentation order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["stripe", "zendesk", "hubspot", "intercom"];

    public static bool TryParse(string? name, out ExportSystem system)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "stripe": system = ExportSystem.Stripe; return true;
            case "zendesk": system = ExportSystem.Zendesk; return true;
            case "hubspot": system = ExportSystem.HubSpot; return true;
            case "intercom": system = ExportSystem.Intercom; return true;
            default: system = default; return false;
        }
    }

    public static string Name(this ExportSystem system) => Names[(int)system];
}
