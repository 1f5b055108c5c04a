using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

using static Tenure.Cli.Tests.CliRunner;

namespace Tenure.Cli.Tests;

/// <summary>`tenure serve --log-format json`: standard output is JSON lines only (for log collectors), the banner included.</summary>
public sealed class ServeLogFormatTests
{
    [Fact]
    public async Task Serve_LogFormatJson_WritesOneJsonObjectPerLine_IncludingWhereItServes()
    {
        using var dir = new TempDirectory();
        var db = MigratedDatabase(dir.Path);
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
            listener.Stop();
            using var process = Process.Start(new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "tenure.dll"), "serve", "--db", db, "--urls", url, "--log-format", "json"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            try
            {
                var cancel = TestContext.Current.CancellationToken;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                timeout.CancelAfter(TimeSpan.FromMinutes(5)); // a bound, not a timing: seconds when quiet, minutes under load
                var lines = new List<string>();
                string? serving = null;
                while (serving is null && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
                {
                    lines.Add(line);
                    using var json = JsonDocument.Parse(line); // throws (fails the test) on a plain-text line
                    Assert.True(json.RootElement.TryGetProperty("Timestamp", out _), line);
                    Assert.True(json.RootElement.TryGetProperty("LogLevel", out _), line);
                    if (json.RootElement.GetProperty("Message").GetString() is { } message && message.StartsWith("Tenure is serving", StringComparison.Ordinal))
                        serving = message;
                }
                Assert.True(serving is not null, "no serving event; stdout:\n" + string.Join('\n', lines));
                Assert.EndsWith($"at {url}", serving);
            }
            finally
            {
                if (!process.HasExited)
                    process.Kill(entireProcessTree: true);
            }
        }
    }
}
