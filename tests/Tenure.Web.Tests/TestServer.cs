using System.Net.Http.Headers;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

using Tenure.Storage;
using Tenure.Storage.Snapshots;
using Tenure.Testing;

namespace Tenure.Web.Tests;

/// <summary>Which database the API tests run against.</summary>
public enum Provider { Sqlite, PostgreSql }

/// <summary>
/// The web app in memory (WebApplicationFactory) over its own fresh database: a temp SQLite file,
/// or a new database on the PostgreSQL fixture. Clients carry an API key of the tenant and role asked for.
/// </summary>
public sealed class TenureTestServer : IAsyncDisposable
{
    /// <summary>The "now" of every test server unless a test says otherwise.</summary>
    public static readonly DateTimeOffset Now = new(2024, 6, 15, 0, 0, 0, TimeSpan.Zero);

    private readonly WebApplicationFactory<Program> factory;
    private readonly string? sqliteFile;
    private readonly string database;
    private readonly IReadOnlyDictionary<string, string?>? settings;
    private readonly Action<IServiceCollection>? services;

    private TenureTestServer(WebApplicationFactory<Program> factory, string? sqliteFile, string database, IReadOnlyDictionary<string, string?>? settings,
        Action<IServiceCollection>? services)
    {
        this.factory = factory;
        this.sqliteFile = sqliteFile;
        this.database = database;
        this.settings = settings;
        this.services = services;
    }

    public FakeTimeProvider Clock { get; } = new(Now);

    public TenureDatabase Database => factory.Services.GetRequiredService<TenureDatabase>();

    /// <summary>The app's services (to build page models with a chosen user).</summary>
    public IServiceProvider Services => factory.Services;

    /// <param name="provider">The database.</param>
    /// <param name="postgres">The PostgreSQL fixture (used for <see cref="Provider.PostgreSql"/>).</param>
    /// <param name="settings">Configuration settings.</param>
    /// <param name="services">Services replacing the app's (a fake for a test), registered after the app's.</param>
    public static async Task<TenureTestServer> StartAsync(Provider provider, PostgresServer postgres, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        string database;
        string? file = null;
        if (provider == Provider.PostgreSql)
        {
            postgres.RequireAvailable();
            database = await postgres.CreateDatabaseAsync("web");
        }
        else
        {
            file = Path.Combine(Path.GetTempPath(), $"tenure-web-{Guid.NewGuid():N}.db");
            database = file;
        }

        return Start(database, file, settings, services);
    }

    /// <summary>
    /// Another instance of the app (its own process state: caches, key ring in memory) on this server's database, as a
    /// second replica or a restarted server would be. Disposing it leaves the database to this server.
    /// </summary>
    public TenureTestServer AnotherInstance() => Start(database, null, settings, services);

    private static TenureTestServer Start(string database, string? file, IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection>? services)
    {
        TenureTestServer? server = null;
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Tenure:Database", database);
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
                web.UseSetting(key, value);
            web.ConfigureTestServices(s =>
            {
                s.AddSingleton<TimeProvider>(server!.Clock);
                services?.Invoke(s);
            });
        });
        server = new TenureTestServer(factory, file, database, settings, services);
        _ = server.Database; // starts the host: migrations run before the first request
        return server;
    }

    /// <summary>A client with a new API key of <paramref name="tenant"/> and <paramref name="role"/>.</summary>
    public async Task<HttpClient> ClientAsync(string tenant = "acme", ApiKeyRole role = ApiKeyRole.Write)
    {
        var (key, _) = await ApiKeys.CreateAsync(Database, tenant, role);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>A client without credentials.</summary>
    public HttpClient AnonymousClient() => factory.CreateClient();

    /// <summary>A client without credentials that shows redirects instead of following them (cookies kept).</summary>
    public HttpClient BrowserLikeClient() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        if (sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var path in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" })
            {
                try { File.Delete(path); } catch (IOException) { }
            }
            // The tenants' snapshot files the server wrote beside the database.
            try { Directory.Delete(TenantSnapshotFile.DirectoryOf(sqliteFile), recursive: true); } catch (IOException) { }
        }
    }
}
