using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

using static Tenure.Install.Tests.Processes;

namespace Tenure.Install.Tests;

/// <summary>
/// Issue 14's "real install": the package `dotnet pack` builds installs as a .NET tool into an empty folder, and the
/// installed `tenure` loads the demo and serves styled pages (its stylesheets come from the package's wwwroot).
/// </summary>
public sealed partial class ToolInstallTests
{
    [GeneratedRegex("""<link rel="stylesheet" href="([^"]+\.css)"\s*/?>""")]
    private static partial Regex StylesheetLink();

    [Fact]
    public async Task PackedTool_InstallsIntoAnEmptyFolder_AndServesStyledPages()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("work"));
        var sdks = await RunAsync(Dotnet, ["--list-sdks"], dir.Path, TimeSpan.FromMinutes(1), cancel);
        if (sdks.ExitCode != 0 || string.IsNullOrWhiteSpace(sdks.Out))
            Assert.Skip("packing the tool needs the .NET SDK (`dotnet --list-sdks` found none)");

        // Pack the CLI as built for these tests (no second build); the publish and nuspec steps write under the
        // temporary folder, not into src/.
        var project = Path.Combine(RepoRoot(), "src", "Tenure.Cli", "Tenure.Cli.csproj");
        var pack = await RunAsync(Dotnet, ["pack", project, "-c", Configuration, "--no-build", "-o", dir.Combine("pack"),
            $"-p:PublishDir={dir.Combine("publish")}/", $"-p:NuspecOutputPath={dir.Combine("nuspec")}/"], dir.Path, TimeSpan.FromMinutes(5), cancel);
        Assert.True(pack.ExitCode == 0, pack.ToString());
        Assert.Single(Directory.GetFiles(dir.Combine("pack"), "tenure.*.nupkg"));

        // Install from the pack folder alone (no other feed, a private package cache: never a stale or foreign "tenure").
        File.WriteAllText(dir.Combine("nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="pack" value="{dir.Combine("pack")}" />
              </packageSources>
            </configuration>
            """);
        var install = StartInfo(Dotnet, ["tool", "install", "tenure", "--tool-path", dir.Combine("tools"), "--add-source", dir.Combine("pack"),
            "--configfile", dir.Combine("nuget.config")], dir.Path);
        install.Environment["NUGET_PACKAGES"] = dir.Combine("packages");
        var installed = await RunAsync(install, TimeSpan.FromMinutes(3), cancel);
        Assert.True(installed.ExitCode == 0, installed.ToString());
        var tenure = dir.Combine("tools", "tenure");
        Assert.True(File.Exists(tenure), $"no {tenure} after install: {installed}");

        // From a working directory that holds nothing of Tenure's: the tool must find its own files.
        var db = dir.Combine("work", "demo.db");
        var demo = await RunAsync(tenure, ["demo", "--db", db, "--accounts", "20", "--as-of", "2026-01-01", "--no-serve"], dir.Combine("work"), TimeSpan.FromMinutes(3), cancel);
        Assert.True(demo.ExitCode == 0, demo.ToString());
        Assert.Contains("Read API key", demo.Out);

        var url = $"http://127.0.0.1:{FreePort()}";
        using var server = Process.Start(StartInfo(tenure, ["serve", "--db", db, "--urls", url], dir.Combine("work")))!;
        try
        {
            using var started = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            started.CancelAfter(TimeSpan.FromMinutes(5)); // a bound, not a timing: seconds when quiet, minutes under load
            var serving = false;
            while (!serving && await server.StandardOutput.ReadLineAsync(started.Token) is { } line)
                serving = line.StartsWith("Tenure is serving", StringComparison.Ordinal);
            Assert.True(serving, "the installed tool did not start serving: " + (server.HasExited ? await server.StandardError.ReadToEndAsync(cancel) : ""));

            using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
            // The dashboards send a visitor to the sign-in page: a full page of the app's layout.
            using var page = await http.GetAsync("/", cancel);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            var html = await page.Content.ReadAsStringAsync(cancel);
            var stylesheets = StylesheetLink().Matches(html).Select(m => m.Groups[1].Value).ToList();
            Assert.Contains(stylesheets, href => href.StartsWith("css/tenure.", StringComparison.Ordinal));
            Assert.Contains(stylesheets, href => href.StartsWith("_content/MudBlazor/MudBlazor.min.", StringComparison.Ordinal));
            foreach (var href in stylesheets)
            {
                using var css = await http.GetAsync("/" + href, cancel);
                Assert.True(css.StatusCode == HttpStatusCode.OK, $"{href}: {(int)css.StatusCode}");
                Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
                Assert.NotEmpty(await css.Content.ReadAsByteArrayAsync(cancel));
            }
            // The stylesheet is Tenure's own (not an empty or foreign file): it styles the dashboards' cards.
            Assert.Contains(".t-shell", await http.GetStringAsync("/" + stylesheets.First(h => h.StartsWith("css/tenure.", StringComparison.Ordinal)), cancel));

            using var live = await http.GetAsync("/healthz", cancel);
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
        finally
        {
            if (!server.HasExited)
                server.Kill(entireProcessTree: true);
        }
    }
}
