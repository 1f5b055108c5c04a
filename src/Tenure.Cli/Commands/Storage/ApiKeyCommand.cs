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
            await using var database = await StorageOptions.OpenExistingAsync(context, location, parsed.GetValue(db), cancellationToken);
            var (key, identity) = await ApiKeys.CreateAsync(database, tenantName, keyRole, parsed.GetValue(name), cancellationToken);
            context.Out.WriteLine(key);
            context.Notes.WriteLine($"created a {RoleName(identity.Role)} key for tenant '{identity.Tenant}' in {location.Describe()}; it is shown once, store it now.");
            context.Notes.WriteLine("use it as: Authorization: Bearer <key>");
            return ExitCodes.Ok;
        });
        var prefix = new Argument<string>("prefix") { Description = "The key's prefix (tnr_ and 8 hex characters, as logged and shown at creation) or the whole key." };
        var revokeDb = StorageOptions.Db();
        var revoke = new Command("revoke", "Revoke an API key: it authenticates nothing from then on.") { prefix, revokeDb };
        revoke.SetAction(async (parsed, cancellationToken) =>
        {
            var location = StorageOptions.Location(parsed.GetValue(revokeDb));
            await using var database = await StorageOptions.OpenExistingAsync(context, location, parsed.GetValue(revokeDb), cancellationToken);
            var given = parsed.GetValue(prefix) ?? "";
            if (!await ApiKeys.RevokeAsync(database, given, cancellationToken))
                throw new CliException($"error: no active API key with prefix '{(given.Length > 13 ? given[..13] : given)}' in {location.Describe()}.");
            context.Out.WriteLine($"revoked {(given.Length > 13 ? given[..13] : given)}");
            return ExitCodes.Ok;
        });
        var listDb = StorageOptions.Db();
        var listTenant = StorageOptions.Tenant();
        var list = new Command("list", "List the tenant's API keys: prefix, role, name, created, revoked (never the secret).") { listDb, listTenant };
        list.SetAction(async (parsed, cancellationToken) =>
        {
            var tenantName = StorageOptions.TenantName(parsed.GetValue(listTenant));
            var location = StorageOptions.Location(parsed.GetValue(listDb));
            await using var database = await StorageOptions.OpenExistingAsync(context, location, parsed.GetValue(listDb), cancellationToken);
            foreach (var key in await ApiKeys.ListAsync(database, tenantName, cancellationToken))
            {
                var revoked = key.RevokedAt is { } at ? $"revoked {at:yyyy-MM-dd}" : "";
                context.Out.WriteLine($"{key.Prefix}\t{RoleName(key.Role)}\t{key.Name}\t{key.CreatedAt:yyyy-MM-dd}\t{revoked}".TrimEnd('\t'));
            }
            return ExitCodes.Ok;
        });
        return new Command("apikey", "Manage API keys: `tenure apikey create`, `tenure apikey list`, `tenure apikey revoke`.") { create, list, revoke };
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
