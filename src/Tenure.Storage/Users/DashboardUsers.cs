using System.Net.Mail;

using Microsoft.EntityFrameworkCore;

using Tenure.Storage.Model;

namespace Tenure.Storage.Users;

/// <summary>What a dashboard user may do: a viewer reads, a CSM reads (landing on their own book), a manager and an admin also change the tenant's settings.</summary>
/// <remarks>Ordered by rights: a higher value can do everything a lower one can.</remarks>
public enum DashboardRole { Viewer, Csm, Manager, Admin }

/// <summary>A person who signs in to the dashboards of one tenant.</summary>
/// <param name="Tenant">The tenant whose data the user sees.</param>
/// <param name="Email">Lower-cased; unique per tenant.</param>
/// <param name="Role">What the user may do.</param>
/// <param name="Csm">For <see cref="DashboardRole.Csm"/>: the value of accounts.csm this person is (their book of accounts); null otherwise.</param>
/// <param name="CreatedAt">When the user was created (UTC).</param>
/// <param name="DisabledAt">When the user was disabled (UTC; a disabled user cannot sign in), or null.</param>
public sealed record DashboardUser(string Tenant, string Email, DashboardRole Role, string? Csm, DateTime CreatedAt, DateTime? DisabledAt)
{
    public bool IsDisabled => DisabledAt is not null;

    /// <summary>The user's current session stamp ("" before the first sign-out or password change): a sign-in cookie whose stamp differs is no longer valid.</summary>
    public string SessionStamp { get; init; } = "";

    /// <summary>Whether the user may change the tenant's settings (managers and admins).</summary>
    public bool CanChange => Role >= DashboardRole.Manager;
}

/// <summary>The address is already taken in the tenant.</summary>
public sealed class DuplicateUserException(string tenant, string email)
    : InvalidOperationException($"Tenant '{tenant}' already has a user '{email}'.")
{
    public string Tenant { get; } = tenant;

    public string Email { get; } = email;
}

/// <summary>
/// The people who sign in to the dashboards (table users). Passwords are stored as ASP.NET Core
/// Identity's PasswordHasher v3 hashes (PBKDF2-HMAC-SHA512, random salt); addresses lower-cased,
/// unique per tenant. Read and written through EF Core, the same code on SQLite and PostgreSQL
/// (docs/adr/0065).
/// </summary>
public static class DashboardUsers
{
    /// <summary>The shortest password <see cref="CreateAsync"/> accepts.</summary>
    public const int MinimumPasswordLength = 10;

    /// <summary>
    /// Adds a user to <paramref name="tenant"/> (creating the tenant when new).
    /// <paramref name="csm"/> is required for <see cref="DashboardRole.Csm"/> and ignored (stored null) for other roles.
    /// </summary>
    /// <exception cref="ArgumentException">The tenant, address, CSM name or password breaks a rule.</exception>
    /// <exception cref="DuplicateUserException">The tenant already has a user with this address (any case).</exception>
    public static async Task<DashboardUser> CreateAsync(TenureDatabase database, string tenant, string email, DashboardRole role, string? csm, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        var address = NormalizeEmail(email) ?? throw new ArgumentException($"'{email}' is not an email address.", nameof(email));
        if (!Enum.IsDefined(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "Not a dashboard role.");
        }
        var csmName = role == DashboardRole.Csm ? csm?.Trim() : null;
        if (role == DashboardRole.Csm && string.IsNullOrEmpty(csmName))
        {
            throw new ArgumentException("A user with role csm needs the CSM name their accounts carry in accounts.csv (column csm).", nameof(csm));
        }
        EnsureStrongEnough(password);
        // Whole microseconds, as both providers store instants: the returned user equals the stored one.
        var now = database.Clock.GetUtcNow().UtcDateTime;
        now = now.AddTicks(-(now.Ticks % 10));
        var row = new UserRow { TenantId = tenant, Email = address, PasswordHash = DashboardPasswords.Hash(password), Role = RoleText(role), Csm = csmName, CreatedAt = now };
        using var turn = await database.EnterWriteAsync(cancellationToken);
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        await TenantRows.EnsureAsync(context, database.Provider, tenant, now, cancellationToken);
        context.Users.Add(row);
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (TenantRows.IsDuplicate(e))
        {
            throw new DuplicateUserException(tenant, address);
        }
        await transaction.CommitAsync(CancellationToken.None);
        return ToUser(row);
    }

    /// <summary>Gives the tenant's user with this address (any case) a new password; false when there is no such user.</summary>
    /// <exception cref="ArgumentException">The tenant or password breaks a rule.</exception>
    public static async Task<bool> SetPasswordAsync(TenureDatabase database, string tenant, string email, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        EnsureStrongEnough(password);
        if (NormalizeEmail(email) is not { } address)
            return false;
        var hash = DashboardPasswords.Hash(password);
        using var turn = await database.EnterWriteAsync(cancellationToken);
        await using var context = database.CreateContext();
        var changed = await context.Users
            .Where(u => u.TenantId == tenant && u.Email == address)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, hash).SetProperty(u => u.SessionStamp, NewSessionStamp()), cancellationToken);
        return changed == 1;
    }

    /// <summary>
    /// Gives the user a new session stamp, so every sign-in cookie issued before stops working (signing
    /// out ends the user's sessions everywhere, not only in this browser); false when there is no such user.
    /// A new password (<see cref="SetPasswordAsync"/>) does the same.
    /// </summary>
    public static async Task<bool> EndSessionsAsync(TenureDatabase database, string tenant, string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (NormalizeEmail(email) is not { } address || !Tenants.IsValidName(tenant))
            return false;
        var stamp = NewSessionStamp();
        using var turn = await database.EnterWriteAsync(cancellationToken);
        await using var context = database.CreateContext();
        var changed = await context.Users
            .Where(u => u.TenantId == tenant && u.Email == address)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SessionStamp, stamp), cancellationToken);
        return changed == 1;
    }

    /// <summary>Disables (<paramref name="disabled"/> true: the user cannot sign in and their sessions end at their next request) or enables the user; false when there is no such user.</summary>
    public static async Task<bool> SetDisabledAsync(TenureDatabase database, string tenant, string email, bool disabled, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (NormalizeEmail(email) is not { } address || !Tenants.IsValidName(tenant))
            return false;
        DateTime? at = disabled ? database.Clock.GetUtcNow().UtcDateTime : null;
        if (at is { } instant)
            at = instant.AddTicks(-(instant.Ticks % 10));
        using var turn = await database.EnterWriteAsync(cancellationToken);
        await using var context = database.CreateContext();
        var changed = await context.Users
            .Where(u => u.TenantId == tenant && u.Email == address)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DisabledAt, at).SetProperty(u => u.SessionStamp, NewSessionStamp()), cancellationToken);
        return changed == 1;
    }

    /// <summary>128 random bits, base64url.</summary>
    static string NewSessionStamp() =>
        System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// The user whose address and password these are, or null (unknown address, wrong password,
    /// disabled user). With <paramref name="tenant"/> null the address must belong to exactly one
    /// tenant. Takes the same time whether or not the address is known: a password hash is always
    /// checked (against a dummy hash when there is no user), and the comparison is constant-time.
    /// </summary>
    public static async Task<DashboardUser?> VerifyAsync(TenureDatabase database, string? tenant, string email, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var address = NormalizeEmail(email);
        IReadOnlyList<UserRow> found = [];
        if (address is not null && (tenant is null || Tenants.IsValidName(tenant)))
        {
            found = await FindRowsAsync(database, tenant, address, cancellationToken);
        }
        var candidate = found.Count == 1 ? found[0] : null;
        var matches = DashboardPasswords.Verify(candidate?.PasswordHash, password ?? "");
        return matches && candidate is { DisabledAt: null } ? ToUser(candidate) : null;
    }

    /// <summary>The tenant's user with this address (any case), or null. No password involved: for re-checking a signed-in session.</summary>
    public static async Task<DashboardUser?> FindAsync(TenureDatabase database, string tenant, string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var address = NormalizeEmail(email);
        if (address is null || !Tenants.IsValidName(tenant))
        {
            return null;
        }
        var found = await FindRowsAsync(database, tenant, address, cancellationToken);
        return found.Count == 1 ? ToUser(found[0]) : null;
    }

    /// <summary>The tenant's users, by address.</summary>
    public static async Task<IReadOnlyList<DashboardUser>> ListAsync(TenureDatabase database, string tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        await using var context = database.CreateContext();
        var rows = await context.Users.AsNoTracking()
            .Where(u => u.TenantId == tenant)
            .OrderBy(u => u.Email)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToUser)];
    }

    /// <summary>The users with this (lower-cased) address: in <paramref name="tenant"/>, or in every tenant when it is null (at most 2: one is all sign-in needs to know).</summary>
    static async Task<IReadOnlyList<UserRow>> FindRowsAsync(TenureDatabase database, string? tenant, string address, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var query = context.Users.AsNoTracking().Where(u => u.Email == address);
        if (tenant is not null)
            query = query.Where(u => u.TenantId == tenant);
        return await query.OrderBy(u => u.TenantId).Take(2).ToListAsync(cancellationToken);
    }

    /// <summary>A strong random password: 24 characters of base64url (144 random bits).</summary>
    public static string GeneratePassword() =>
        System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18));

    /// <summary>The address trimmed and lower-cased (invariant), or null when it is not an address ("name@domain", no display name).</summary>
    public static string? NormalizeEmail(string? email)
    {
        var text = email?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 254 || text.IndexOf('@') is <= 0 || text.EndsWith('@') || text.Any(char.IsWhiteSpace))
        {
            return null;
        }
        // MailAddress accepts "Ann <ann@x.com>"; only a bare address whose round trip is itself is taken.
        return MailAddress.TryCreate(text, out var parsed) && parsed.Address == text && parsed.DisplayName.Length == 0
            ? text.ToLowerInvariant()
            : null;
    }

    /// <summary>Parses admin, manager, csm or viewer (any case); null for anything else.</summary>
    public static DashboardRole? ParseRole(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "admin" => DashboardRole.Admin,
        "manager" => DashboardRole.Manager,
        "csm" => DashboardRole.Csm,
        "viewer" => DashboardRole.Viewer,
        _ => null,
    };

    /// <summary>admin, manager, csm or viewer.</summary>
    public static string RoleText(DashboardRole role) => role switch
    {
        DashboardRole.Admin => "admin",
        DashboardRole.Manager => "manager",
        DashboardRole.Csm => "csm",
        _ => "viewer",
    };

    static void EnsureStrongEnough(string password)
    {
        if (password is null || password.Length < MinimumPasswordLength)
        {
            throw new ArgumentException($"A password needs at least {MinimumPasswordLength} characters.", nameof(password));
        }
        if (string.IsNullOrWhiteSpace(password))
        {
            throw new ArgumentException("A password cannot be only spaces.", nameof(password));
        }
    }

    static DashboardUser ToUser(UserRow row) =>
        new(row.TenantId, row.Email, ParseRole(row.Role) ?? throw new InvalidDataException($"The database holds an unknown user role '{row.Role}'."), row.Csm, row.CreatedAt, row.DisabledAt)
        {
            SessionStamp = row.SessionStamp ?? "",
        };
}
