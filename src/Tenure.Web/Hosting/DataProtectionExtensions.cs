using Microsoft.AspNetCore.DataProtection;

using Tenure.Storage;

namespace Tenure.Web.Hosting;

/// <summary>Data protection (the keys behind sign-in cookies and antiforgery tokens) shared through the database: see <see cref="DataProtectionKeys"/>.</summary>
public static class DataProtectionExtensions
{
    /// <summary>
    /// The application name every instance shares (ASP.NET Core's default is the content root, i.e. the working
    /// directory, so two instances started from different folders could not read each other's cookies).
    /// </summary>
    public const string ApplicationName = "Tenure";

    private const string KeyManagerCategory = "Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager";

    public static IHostApplicationBuilder AddTenureDataProtection(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // ASP.NET Core warns at every new key that it is stored unencrypted: by design here (the database is the secret
        // to protect, docs/operations.md "Sign-in keys"), so that warning is not repeated on every `tenure serve`.
        if (builder.Configuration[$"Logging:LogLevel:{KeyManagerCategory}"] is null)
            builder.Logging.AddFilter(KeyManagerCategory, LogLevel.Error);
        builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToTenureDatabase();
        return builder;
    }
}
