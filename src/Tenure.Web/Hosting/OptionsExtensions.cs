using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Tenure.Web.Hosting;

internal static class OptionsExtensions
{
    /// <summary>Binds and validates the Tenure, Tenure:Api, Tenure:SignIn and Tenure:Cache sections at start; Kestrel's body limit follows Tenure:Api:MaxRequestBytes.</summary>
    public static IHostApplicationBuilder AddTenureOptions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TenureOptions>()
            .BindConfiguration(TenureOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<ApiOptions>()
            .BindConfiguration(ApiOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<SignInOptions>()
            .BindConfiguration(SignInOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<CacheOptions>()
            .BindConfiguration(CacheOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<ApiOptions>>((kestrel, api) => kestrel.Limits.MaxRequestBodySize = api.Value.MaxRequestBytes);
        return builder;
    }
}
