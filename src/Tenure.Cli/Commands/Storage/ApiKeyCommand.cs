using System.CommandLine;

using Tenure.Storage;

namespace Tenure.Cli.Commands.Storage;

/// <summary>`tenure apikey create`: a key for the HTTP API, printed once (only its hash is stored).</summary>
internal static class ApiKeyCommand
{
    public static Command Create(CliContext context)
    {
        var db = StorageOptions.Db();
        var tenant = new Option<string>("--tenant") { Description = $"The tenant the key belongs to (default \"{Tenants.Default}\"); it sees that tenant's data only." };
        var role = new Option<string>("--role") { Description = "read (default: GET only), write (read + POST data) or admin (everything)." };
        var name = new Option<string>("--name") { Description = "A label for the key, e.g. the script or person using it." };
        var create = new Command("create", "Create an API key and print it on standard output (it is shown once; only its hash is stored).") { db, tenant, role, name };
        create.SetAction(async (parsed, cancellationToken) =>
        {
            var keyRole = Role(parsed.GetValue(role));
            var tenantName = StorageOptions.TenantName(parsed.GetValue(tenant));
            var location = StorageOptions.Location(parsed.GetValue(db));
            await using var database = await StorageOptions.OpenMigratedAsync(context, location, cancellationToken);
            var (key, identity) = await ApiKeys.CreateAsync(database, tenantName, keyRole, parsed.GetValue(name), cancellationToken);
            context.Out.WriteLine(key);
            context.Error.WriteLine($"created a {RoleName(identity.Role)} key for tenant '{identity.Tenant}' in {location.Describe()}; it is shown once, store it now.");
            context.Error.WriteLine("use it as: Authorization: Bearer <key>");
            return ExitCodes.Ok;
        });
        return new Command("apikey", "Manage API keys: `tenure apikey create`.") { create };
    }

    public static ApiKeyRole Role(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "read" => ApiKeyRole.Read,
        "write" => ApiKeyRole.Write,
        "admin" => ApiKeyRole.Admin,
        _ => throw new CliException($"error: --role '{text}' is not one of read, write, admin."),
    };

    public static string RoleName(ApiKeyRole role) => role.ToString().ToLowerInvariant();
}
