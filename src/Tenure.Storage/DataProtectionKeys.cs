using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

using Tenure.Storage.Model;

namespace Tenure.Storage;

/// <summary>
/// ASP.NET Core's data protection key ring kept in the Tenure database (table data_protection_keys, through
/// Microsoft.AspNetCore.DataProtection.EntityFrameworkCore): the keys that sign and encrypt sign-in cookies and
/// antiforgery tokens survive a restart, a new container and a new machine, and every instance serving the same
/// database shares them, so people stay signed in. The keys are stored unencrypted, like the database's other
/// secrets: whoever can read the database can forge a session; protect it and its backups accordingly
/// (docs/operations.md, "Sign-in keys").
/// </summary>
public static class DataProtectionKeys
{
    /// <summary>
    /// Stores the key ring in the <see cref="TenureDatabase"/> registered in <paramref name="builder"/>'s services
    /// (one EF context per key-ring read or write; the ring is read once and then cached by ASP.NET Core).
    /// </summary>
    public static IDataProtectionBuilder PersistKeysToTenureDatabase(this IDataProtectionBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<TenureDbContext>(services => services.GetRequiredService<TenureDatabase>().CreateContext());
        return builder.PersistKeysToDbContext<TenureDbContext>();
    }
}
