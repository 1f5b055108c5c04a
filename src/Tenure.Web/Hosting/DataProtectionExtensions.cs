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

    public static IHostApplicationBuilder AddTenureDataProtection(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToTenureDatabase();
        return builder;
    }
}
