using Microsoft.AspNetCore.HostFiltering;

namespace Tenure.Web.Hosting;

/// <summary>
/// Which Host headers the server answers (ASP.NET Core host filtering; any other gets 400 before any
/// page, redirect or link is built from it). The AllowedHosts setting ("a.example;b.example", "*" for
/// any) wins; without it: localhost, 127.0.0.1, [::1] and the host of every URL the server listens on.
/// A wildcard listen address (0.0.0.0, [::], *, +) names no host: set AllowedHosts to the names people use.
/// </summary>
internal static class AllowedHostsDefaults
{
    public const string Key = "AllowedHosts";

    public static readonly IReadOnlyList<string> Loopback = ["localhost", "127.0.0.1", "[::1]"];

    public static IHostApplicationBuilder AddTenureAllowedHosts(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        // Runs after the web host's own PostConfigure (which puts "*" when AllowedHosts is unset).
        builder.Services.PostConfigure<HostFilteringOptions>(options =>
        {
            if (!string.IsNullOrWhiteSpace(configuration[Key]))
                return;
            options.AllowedHosts = [.. Hosts(configuration[WebHostDefaults.ServerUrlsKey])];
        });
        return builder;
    }

    /// <summary>The default allowed hosts: the loopback names, and the host of each of the ';'-separated <paramref name="urls"/> that names one.</summary>
    public static IEnumerable<string> Hosts(string? urls)
    {
        var hosts = new List<string>(Loopback);
        foreach (var url in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (ListenHost(url) is { } host && !IsWildcard(host) && !hosts.Contains(host, StringComparer.OrdinalIgnoreCase))
                hosts.Add(host);
        }
        return hosts;
    }

    /// <summary>The host part of a listen URL ("http://0.0.0.0:5080" gives "0.0.0.0", "http://[::]:80" gives "[::]"), or null.</summary>
    public static string? ListenHost(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal);
        if (start < 0)
            return null;
        var rest = url[(start + 3)..];
        var end = rest.StartsWith('[') ? rest.IndexOf(']') + 1 : rest.IndexOfAny([':', '/']);
        return (end <= 0 ? rest : rest[..end]).TrimEnd('/');
    }

    /// <summary>Whether a listen host means every interface.</summary>
    public static bool IsWildcard(string host) => host is "0.0.0.0" or "[::]" or "*" or "+";
}
