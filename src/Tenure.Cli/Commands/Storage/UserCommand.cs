using System.CommandLine;

using Tenure.Storage;
using Tenure.Storage.Users;

namespace Tenure.Cli.Commands.Storage;

/// <summary>`tenure user create` / `tenure user list`: the people who sign in to the dashboards.</summary>
internal static class UserCommand
{
    public static Command Create(CliContext context) =>
        new("user", "Manage dashboard users: `tenure user create`, `list`, `disable`, `enable`, `reset-password`.")
        {
            CreateUser(context), ListUsers(context), SetDisabled(context, disable: true), SetDisabled(context, disable: false), ResetPassword(context),
        };

    static Command SetDisabled(CliContext context, bool disable)
    {
        var db = StorageOptions.Db();
        var tenant = StorageOptions.Tenant();
        var email = new Option<string>("--email") { Description = "The user's address (case-insensitive).", Required = true };
        var command = disable
            ? new Command("disable", "Disable a dashboard user: they cannot sign in, and their open sessions end at their next request.") { db, tenant, email }
            : new Command("enable", "Enable a disabled dashboard user again (they sign in anew).") { db, tenant, email };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var tenantName = StorageOptions.TenantName(parsed.GetValue(tenant));
            var location = StorageOptions.Location(parsed.GetValue(db));
            await using var database = await StorageOptions.OpenExistingAsync(context, location, parsed.GetValue(db), cancellationToken);
            var address = parsed.GetValue(email) ?? "";
            if (!await DashboardUsers.SetDisabledAsync(database, tenantName, address, disable, cancellationToken))
                throw new CliException($"error: tenant '{tenantName}' has no user '{address}' in {location.Describe()}; nothing was changed.");
            context.Out.WriteLine($"{(disable ? "disabled" : "enabled")} '{address.Trim().ToLowerInvariant()}' of tenant '{tenantName}'.");
            return ExitCodes.Ok;
        });
        return command;
    }

    static Command ResetPassword(CliContext context)
    {
        var db = StorageOptions.Db();
        var tenant = StorageOptions.Tenant();
        var email = new Option<string>("--email") { Description = "The user's address (case-insensitive).", Required = true };
        var password = new Option<string>("--password") { Description = $"The new password (at least {DashboardUsers.MinimumPasswordLength} characters); without it a strong one is generated and printed once." };
        var command = new Command("reset-password", "Give a dashboard user a new password; their open sessions end. A generated password is printed on standard output once.") { db, tenant, email, password };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var given = parsed.GetValue(password);
            if (given is not null && given.Length < DashboardUsers.MinimumPasswordLength)
                throw new CliException($"error: --password needs at least {DashboardUsers.MinimumPasswordLength} characters (or leave it out and one is generated).");
            var tenantName = StorageOptions.TenantName(parsed.GetValue(tenant));
            var location = StorageOptions.Location(parsed.GetValue(db));
            await using var database = await StorageOptions.OpenExistingAsync(context, location, parsed.GetValue(db), cancellationToken);
            var address = parsed.GetValue(email) ?? "";
            var secret = given ?? DashboardUsers.GeneratePassword();
            bool changed;
            try
            {
                changed = await DashboardUsers.SetPasswordAsync(database, tenantName, address, secret, cancellationToken);
            }
            catch (ArgumentException e)
            {
                throw new CliException($"error: {e.Message}");
            }
            if (!changed)
                throw new CliException($"error: tenant '{tenantName}' has no user '{address}' in {location.Describe()}; nothing was changed.");
            context.Notes.WriteLine($"new password for '{address.Trim().ToLowerInvariant()}' of tenant '{tenantName}'; their open sessions are ended.");
            if (given is null)
            {
                context.Out.WriteLine(secret);
                context.Notes.WriteLine("the generated password above is shown once; hand it over now.");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    static Command CreateUser(CliContext context)
    {
        var db = StorageOptions.Db();
        var tenant = new Option<string>("--tenant") { Description = $"The tenant whose dashboards the user sees (default \"{Tenants.Default}\")." };
        var email = new Option<string>("--email") { Description = "The address the user signs in with (case-insensitive, unique per tenant).", Required = true };
        var role = new Option<string>("--role") { Description = "admin or manager (can change settings), csm (lands on the At risk view of their own accounts), viewer (reads only).", Required = true };
        var csm = new Option<string>("--csm") { Description = "For --role csm: the CSM name their accounts carry in accounts.csv (column csm)." };
        var password = new Option<string>("--password") { Description = $"The password (at least {DashboardUsers.MinimumPasswordLength} characters); without it a strong one is generated and printed once." };
        var create = new Command("create", "Create a dashboard user; a generated password is printed on standard output once.") { db, tenant, email, role, csm, password };
        create.SetAction(async (parsed, cancellationToken) =>
        {
            var roleText = parsed.GetValue(role);
            var userRole = DashboardUsers.ParseRole(roleText)
                ?? throw new CliException($"error: --role '{roleText}' is not one of admin, manager, csm, viewer.");
            var address = DashboardUsers.NormalizeEmail(parsed.GetValue(email))
                ?? throw new CliException($"error: --email '{parsed.GetValue(email)}' is not an email address.");
            var csmName = parsed.GetValue(csm);
            if (userRole == DashboardRole.Csm && string.IsNullOrWhiteSpace(csmName))
                throw new CliException("error: --role csm needs --csm NAME: the CSM name their accounts carry in accounts.csv (column csm), so they land on their own book.");
            if (userRole != DashboardRole.Csm && !string.IsNullOrWhiteSpace(csmName))
                throw new CliException($"error: --csm is only for --role csm (this user is {DashboardUsers.RoleText(userRole)} and sees every account).");
            var given = parsed.GetValue(password);
            if (given is not null && given.Length < DashboardUsers.MinimumPasswordLength)
                throw new CliException($"error: --password needs at least {DashboardUsers.MinimumPasswordLength} characters (or leave it out and one is generated).");
            var tenantName = StorageOptions.TenantName(parsed.GetValue(tenant));
            var location = StorageOptions.Location(parsed.GetValue(db));
            await using var database = await StorageOptions.OpenExistingAsync(context, location, parsed.GetValue(db), cancellationToken);
            var secret = given ?? DashboardUsers.GeneratePassword();
            DashboardUser user;
            try
            {
                user = await DashboardUsers.CreateAsync(database, tenantName, address, userRole, csmName, secret, cancellationToken);
            }
            catch (DuplicateUserException)
            {
                throw new CliException($"error: tenant '{tenantName}' already has a user '{address}'; nothing was changed.");
            }
            catch (ArgumentException e)
            {
                throw new CliException($"error: {e.Message}");
            }
            var book = user.Csm is { } name ? $" (CSM '{name}')" : "";
            context.Notes.WriteLine($"created {DashboardUsers.RoleText(user.Role)} user '{user.Email}'{book} for tenant '{user.Tenant}' in {location.Describe()}.");
            if (given is null)
            {
                context.Out.WriteLine(secret);
                context.Notes.WriteLine("the generated password above is shown once; hand it over now (sign in at /signin).");
            }
            return ExitCodes.Ok;
        });
        return create;
    }

    static Command ListUsers(CliContext context)
    {
        var db = StorageOptions.Db();
        var tenant = StorageOptions.Tenant();
        var list = new Command("list", "List the tenant's dashboard users: email, role, CSM, created, disabled.") { db, tenant };
        list.SetAction(async (parsed, cancellationToken) =>
        {
            var tenantName = StorageOptions.TenantName(parsed.GetValue(tenant));
            var location = StorageOptions.Location(parsed.GetValue(db));
            await using var database = await StorageOptions.OpenExistingAsync(context, location, parsed.GetValue(db), cancellationToken);
            foreach (var user in await DashboardUsers.ListAsync(database, tenantName, cancellationToken))
            {
                var disabled = user.DisabledAt is { } at ? $"disabled {at:yyyy-MM-dd}" : "";
                context.Out.WriteLine($"{user.Email}\t{DashboardUsers.RoleText(user.Role)}\t{user.Csm}\t{user.CreatedAt:yyyy-MM-dd}\t{disabled}".TrimEnd('\t'));
            }
            return ExitCodes.Ok;
        });
        return list;
    }
}
