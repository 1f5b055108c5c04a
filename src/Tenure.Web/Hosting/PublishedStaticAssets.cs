namespace Tenure.Web.Hosting;

/// <summary>
/// The dashboards' static files (css/, _content/MudBlazor, _framework) of a published or packed program: the
/// publish output of the host (the `tenure` tool, a self-contained build, a container image) holds them in
/// wwwroot/ beside the program with a manifest named after it (tenure.staticwebassets.endpoints.json). The
/// program runs from any working directory (a tool on PATH, a systemd unit), so both are found next to the
/// program rather than under the content root (the working directory). See docs/adr/0125.
/// </summary>
public static class PublishedStaticAssets
{
    /// <summary>The wwwroot folder beside the program when it was published with its manifest; null in a build output or a source tree.</summary>
    public static string? WebRoot() => Manifest() is null ? null : Path.Combine(AppContext.BaseDirectory, "wwwroot");

    /// <summary>The endpoints manifest the publish step wrote beside the program (named after the entry assembly), or null.</summary>
    public static string? Manifest()
    {
        if (System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name is not { } program)
            return null;
        var path = Path.Combine(AppContext.BaseDirectory, program + ".staticwebassets.endpoints.json");
        // A build output has the manifest too, but it points into the source tree through the runtime manifest
        // (served by the development loader); only a published one has the files in wwwroot/ beside it.
        return File.Exists(path) && Directory.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot")) ? path : null;
    }
}
