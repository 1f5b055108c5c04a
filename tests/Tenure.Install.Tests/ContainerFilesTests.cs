using System.Text.RegularExpressions;

using YamlDotNet.RepresentationModel;

using static Tenure.Install.Tests.Processes;

namespace Tenure.Install.Tests;

/// <summary>
/// The Dockerfile and compose.yaml cannot be run here (no container engine): they are checked as files, i.e. parsed,
/// their paths resolved against the repository, and the rules of docs/operations.md ("Docker") asserted.
/// </summary>
public sealed partial class ContainerFilesTests
{
    [GeneratedRegex(@"^FROM\s+\S+\s+AS\s+(\w+)", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex Stage();

    [GeneratedRegex(@"^COPY\s+(?!--from)(.+?)\s+\S+$", RegexOptions.Multiline)]
    private static partial Regex LocalCopy();

    private static string Dockerfile => File.ReadAllText(Path.Combine(RepoRoot(), "Dockerfile"));

    [Fact]
    public void Dockerfile_BuildsInOneStage_RunsInAnotherAsANonRootUser_WithAHealthCheckOnHealthz()
    {
        var text = Dockerfile;
        Assert.Equal(["build", "runtime"], Stage().Matches(text).Select(m => m.Groups[1].Value));
        var runtime = text[text.IndexOf("AS runtime", StringComparison.Ordinal)..];
        Assert.Matches(@"(?m)^USER \$APP_UID$", runtime);
        Assert.DoesNotMatch(@"(?m)^USER (root|0)\b", runtime);
        Assert.Matches(@"(?m)^HEALTHCHECK .*\n?.*http://localhost:8080/healthz", runtime);
        // The port it exposes is the one it listens on.
        Assert.Contains("EXPOSE 8080", runtime, StringComparison.Ordinal);
        Assert.Contains("\"http://0.0.0.0:8080\"", runtime, StringComparison.Ordinal);
        Assert.Contains("COPY --from=build /app ./", runtime, StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerfile_CopiesOnlyPathsThatExist()
    {
        var sources = LocalCopy().Matches(Dockerfile).SelectMany(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Contains("src/Tenure.Cli/Tenure.Cli.csproj", sources);
        foreach (var source in sources)
            Assert.True(File.Exists(Path.Combine(RepoRoot(), source)) || Directory.Exists(Path.Combine(RepoRoot(), source)), $"Dockerfile copies {source}, which is not in the repository");
        // Every project the CLI references is restored from its project file first.
        var cli = File.ReadAllText(Path.Combine(RepoRoot(), "src", "Tenure.Cli", "Tenure.Cli.csproj"));
        foreach (Match reference in ProjectReference().Matches(cli))
            Assert.Contains($"src/{reference.Groups[1].Value}/{reference.Groups[1].Value}.csproj", sources);
    }

    [GeneratedRegex(@"ProjectReference Include=""\.\./([^/]+)/")]
    private static partial Regex ProjectReference();

    [Fact]
    public void Compose_IsValidYaml_WithPostgreSqlHealthyBeforeTenure_AndTenureReadyOnReadyz()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(RepoRoot(), "compose.yaml")))
            yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents.Single().RootNode;
        var services = (YamlMappingNode)root["services"];
        Assert.Equal(["db", "tenure"], services.Children.Keys.Select(k => ((YamlScalarNode)k).Value));

        var db = (YamlMappingNode)services["db"];
        Assert.StartsWith("postgres:", Scalar(db["image"]), StringComparison.Ordinal);
        Assert.Contains("pg_isready", string.Join(' ', Sequence(((YamlMappingNode)db["healthcheck"])["test"])), StringComparison.Ordinal);

        var tenure = (YamlMappingNode)services["tenure"];
        Assert.Equal(".", Scalar(tenure["build"]));
        Assert.Equal("service_healthy", Scalar(((YamlMappingNode)((YamlMappingNode)tenure["depends_on"])["db"])["condition"]));
        var command = Sequence(tenure["command"]);
        Assert.Equal("serve", command[0]);
        Assert.StartsWith("Host=db;", command[command.IndexOf("--db") + 1], StringComparison.Ordinal);
        Assert.Equal("http://0.0.0.0:8080", command[command.IndexOf("--urls") + 1]);
        Assert.Contains("http://localhost:8080/readyz", Sequence(((YamlMappingNode)tenure["healthcheck"])["test"]));
        // Published on the loopback interface only: beyond the machine goes through a TLS proxy.
        Assert.Equal(["127.0.0.1:5080:8080"], Sequence(tenure["ports"]));
        Assert.Contains("db-data", ((YamlMappingNode)root["volumes"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value));
    }

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value ?? "";

    private static List<string> Sequence(YamlNode node) => [.. ((YamlSequenceNode)node).Children.Select(Scalar)];
}
