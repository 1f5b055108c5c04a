using Tenure.Storage;

namespace Tenure.Web.Tests.Mail;

/// <summary>A migrated SQLite database in a temporary file, deleted (with its WAL files and a mail-drop folder beside it) afterwards.</summary>
internal sealed class MailTestDatabase : IAsyncDisposable
{
    private MailTestDatabase(string directory, string file, TenureDatabase database) => (Directory, File, Database) = (directory, file, database);

    public string Directory { get; }

    public string File { get; }

    public TenureDatabase Database { get; }

    public static async Task<MailTestDatabase> CreateAsync(TimeProvider? clock = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"tenure-mail-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "tenure.db");
        var database = TenureDatabase.Open(DatabaseLocation.Parse(file), clock ?? TimeProvider.System);
        await database.MigrateAsync(TestContext.Current.CancellationToken);
        return new MailTestDatabase(directory, file, database);
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
