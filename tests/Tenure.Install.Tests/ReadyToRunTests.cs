using static Tenure.Install.Tests.Processes;

namespace Tenure.Install.Tests;

/// <summary>
/// docs/adr/0380: a publish that names a runtime compiles every assembly ahead of time; the portable .NET tool and the
/// single-file program do not. Asked of MSBuild itself (the project's evaluated PublishReadyToRun), not of a publish,
/// which takes minutes.
/// </summary>
public sealed class ReadyToRunTests
{
    private static string CliProject => Path.Combine(RepoRoot(), "src", "Tenure.Cli", "Tenure.Cli.csproj");

    [Theory]
    [InlineData(new[] { "-p:RuntimeIdentifier=linux-x64" }, "true")]
    [InlineData(new[] { "-p:RuntimeIdentifier=linux-arm64" }, "true")]
    [InlineData(new string[0], "")]
    [InlineData(new[] { "-p:RuntimeIdentifier=linux-x64", "-p:PublishSingleFile=true" }, "")]
    public async Task PublishReadyToRun_IsOnForAPublishForARuntime_NotForThePortableToolNorOneFile(string[] properties, string expected)
    {
        var cancel = TestContext.Current.CancellationToken;
        var evaluated = await RunAsync(Dotnet, ["msbuild", CliProject, "-getProperty:PublishReadyToRun", .. properties], RepoRoot(), TimeSpan.FromMinutes(2), cancel);
        if (evaluated.ExitCode != 0 && evaluated.ToString().Contains("No .NET SDKs were found", StringComparison.Ordinal))
            Assert.Skip("evaluating the project needs the .NET SDK");
        Assert.True(evaluated.ExitCode == 0, evaluated.ToString());
        Assert.Equal(expected, evaluated.Out.Trim());
    }

    [Fact]
    public void TheImageAndTheBenchmarks_PublishForARuntime_NotAsOneFile()
    {
        // The Dockerfile's publish names the runtime, so the image's program is compiled ahead of time.
        var dockerfile = File.ReadAllLines(Path.Combine(RepoRoot(), "Dockerfile"));
        var publish = Assert.Single(dockerfile, line => line.StartsWith("RUN dotnet publish", StringComparison.Ordinal));
        Assert.Contains(" -r linux-x64", publish, StringComparison.Ordinal);
        Assert.DoesNotContain("PublishSingleFile", publish, StringComparison.Ordinal);
        // The benchmarks measure the program as it ships (bench/build-cli.sh), and every script builds it that way.
        var build = File.ReadAllText(Path.Combine(RepoRoot(), "bench", "build-cli.sh"));
        Assert.Contains("dotnet publish src/Tenure.Cli -c Release -r \"$rid\"", build, StringComparison.Ordinal);
        foreach (var script in Directory.GetFiles(Path.Combine(RepoRoot(), "bench"), "*.sh"))
        {
            foreach (var line in File.ReadLines(script))
                Assert.False(line.Contains("dotnet build", StringComparison.Ordinal) && line.Contains("Tenure.Cli", StringComparison.Ordinal), $"{Path.GetFileName(script)} builds the CLI without bench/build-cli.sh: {line}");
        }
    }
}
