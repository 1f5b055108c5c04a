using System.Net;
using System.Net.Sockets;

using Npgsql;

using Xunit;

namespace Tenure.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster for tests, used as an xunit v3 assembly fixture
/// (<c>[assembly: AssemblyFixture(typeof(PostgresServer))]</c>): initdb into a temp directory,
/// started on a free 127.0.0.1 port with durability off (fsync=off: tests need speed, not crash
/// safety), stopped and deleted on dispose. Each test asks for its own database with
/// <see cref="CreateDatabaseAsync"/>.
/// When PostgreSQL is not installed, <see cref="IsAvailable"/> is false and
/// <see cref="RequireAvailable"/> skips the test; when it is installed but fails to start, the
/// fixture throws with the programs' output, so the tests fail rather than skip.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    /// <summary>The superuser initdb creates; connections need no password (trust authentication).</summary>
    public const string UserName = "tenure";

    const string OsUser = "postgres";
    static readonly TimeSpan ProgramTimeout = TimeSpan.FromSeconds(120);

    readonly PostgresInstallation? installation = PostgresInstallation.Find();
    string? directory;
    int databaseCounter;

    /// <summary>Whether PostgreSQL's server programs were found (false: tests that need it are skipped).</summary>
    public bool IsAvailable => installation is not null;

    /// <summary>The TCP port the server listens on (127.0.0.1); 0 before it is started.</summary>
    public int Port { get; private set; }

    string DataDirectory => Path.Combine(directory!, "data");

    string SocketDirectory => Path.Combine(directory!, "socket");

    /// <summary>Skips the calling test (never a silent pass) when PostgreSQL is not installed.</summary>
    public void RequireAvailable()
    {
        if (!IsAvailable)
        {
            Assert.Skip("PostgreSQL is not installed (apt-get install postgresql); its initdb and pg_ctl were not found in /usr/lib/postgresql/*/bin or on PATH.");
        }
    }

    /// <summary>The connection string of the server's maintenance database "postgres".</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    /// <summary>Npgsql connection string for <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = UserName,
            Database = database,
        }.ConnectionString;

    /// <summary>Creates a new, empty database named from <paramref name="prefix"/> (default "test") and a unique suffix; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? prefix = null)
    {
        RequireAvailable();
        // Sanitized and short: PostgreSQL names are at most 63 bytes.
        var name = $"{Sanitize(prefix ?? "test")}_{Interlocked.Increment(ref databaseCounter)}_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return ConnectionString(name);
    }

    public async ValueTask InitializeAsync()
    {
        if (installation is null)
        {
            return;
        }
        directory = Directory.CreateTempSubdirectory("tenure-pg-").FullName;
        Directory.CreateDirectory(SocketDirectory);
        if (RunningAsRoot)
        {
            // initdb refuses to run as root; the cluster belongs to the postgres OS user.
            await RunCheckedAsync("chown", ["-R", $"{OsUser}:", directory], "chown of the test cluster directory");
        }
        await RunCheckedAsync(installation.InitDb,
            ["-D", DataDirectory, "-A", "trust", "-U", UserName, "--no-sync", "-E", "UTF8", "--locale=C"],
            "initdb", asPostgres: true);

        // A free port can be taken between probing and binding; a second try covers that race.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            var options = $"-p {Port} -k {SocketDirectory} -c listen_addresses=127.0.0.1 -c fsync=off " +
                          "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
            var result = await RunAsync(installation.PgCtl,
                ["start", "-D", DataDirectory, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "-o", options],
                asPostgres: true);
            if (result.ExitCode == 0)
            {
                break;
            }
            if (attempt == 3)
            {
                throw new InvalidOperationException($"pg_ctl start failed (exit {result.ExitCode}):\n{result.Output}\n{ServerLog()}");
            }
        }
        AppDomain.CurrentDomain.ProcessExit += StopOnExit;
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= StopOnExit;
        NpgsqlConnection.ClearAllPools();
        if (installation is null || directory is null)
        {
            return;
        }
        if (Port != 0)
        {
            await RunAsync(installation.PgCtl, ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60"], asPostgres: true);
        }
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is not worth failing the run for.
        }
        directory = null;
    }

    // A test host killed by Ctrl+C would otherwise leave the postgres process running.
    void StopOnExit(object? sender, EventArgs e) => DisposeAsync().AsTask().GetAwaiter().GetResult();

    string ServerLog()
    {
        var log = Path.Combine(directory!, "server.log");
        return File.Exists(log) ? "server.log:\n" + File.ReadAllText(log) : "";
    }

    static bool RunningAsRoot => !OperatingSystem.IsWindows() && Environment.UserName == "root";

    static Task<ProcessRun.Result> RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres = false) =>
        asPostgres && RunningAsRoot
            ? ProcessRun.RunAsync("runuser", ["-u", OsUser, "--", program, .. arguments], ProgramTimeout)
            : ProcessRun.RunAsync(program, arguments, ProgramTimeout);

    static async Task RunCheckedAsync(string program, IReadOnlyList<string> arguments, string what, bool asPostgres = false)
    {
        var result = await RunAsync(program, arguments, asPostgres);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed (exit {result.ExitCode}):\n{result.Output}");
        }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static string Sanitize(string prefix)
    {
        var chars = prefix.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray();
        var name = new string(chars[..Math.Min(chars.Length, 20)]);
        return name.Length == 0 || char.IsAsciiDigit(name[0]) ? "db_" + name : name;
    }
}
