namespace Tenure.Storage.Tests;

public sealed class DatabaseLocationTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_Blank_IsTheDefaultSqliteFile(string? db)
    {
        var location = DatabaseLocation.Parse(db);

        Assert.Equal(DatabaseProvider.Sqlite, location.Provider);
        Assert.Equal(Path.GetFullPath("tenure.db"), location.Describe());
    }

    [Theory]
    [InlineData("tenure.db")]
    [InlineData("/var/lib/tenure/data.db")]
    [InlineData("/tmp/with space/x.db")]
    [InlineData("./a=b.db")]
    [InlineData("my;file.db")]
    [InlineData("relative/dir/host.db")]
    public void Parse_AnythingElse_IsASqliteFilePath(string path)
    {
        var location = DatabaseLocation.Parse(path);

        Assert.Equal(DatabaseProvider.Sqlite, location.Provider);
        Assert.Equal(Path.GetFullPath(path), location.Describe());
    }

    [Theory]
    [InlineData("Data Source=/tmp/t.db", "/tmp/t.db")]
    [InlineData("DataSource=/tmp/t.db;Cache=Shared", "/tmp/t.db")]
    [InlineData("Filename=/tmp/t.db", "/tmp/t.db")]
    [InlineData("data source = /tmp/t.db", "/tmp/t.db")]
    public void Parse_SqliteConnectionString_IsSqlite(string db, string file)
    {
        var location = DatabaseLocation.Parse(db);

        Assert.Equal(DatabaseProvider.Sqlite, location.Provider);
        Assert.Equal(file, location.Describe());
    }

    [Theory]
    [InlineData("Host=db.example.com;Database=tenure;Username=app;Password=s3cret!", "PostgreSQL database tenure on db.example.com:5432")]
    [InlineData("host=10.0.0.5;port=6543;database=t;password=s3cret!", "PostgreSQL database t on 10.0.0.5:6543")]
    [InlineData("Username=app;HOST=pg;Database=x;Password='s3cret!'", "PostgreSQL database x on pg:5432")]
    public void Parse_HostKey_IsPostgreSqlAndDescribeHidesThePassword(string db, string described)
    {
        var location = DatabaseLocation.Parse(db);

        Assert.Equal(DatabaseProvider.PostgreSql, location.Provider);
        Assert.Equal(described, location.Describe());
        Assert.DoesNotContain("s3cret", location.ToString());
    }

    [Theory]
    [InlineData("Host=pg;Databse=tenure", "Databse")]
    [InlineData("Data Source=t.db;Bogus=1", "bogus")]
    [InlineData("Database=tenure;Username=app", "Host=")]
    [InlineData("Host=;Database=x", "Host")]
    [InlineData("Data Source=", "Data Source")]
    [InlineData("Host='unterminated", "connection string")]
    public void Parse_Unusable_ThrowsArgumentExceptionSayingWhy(string db, string mentioned)
    {
        var error = Assert.Throws<ArgumentException>(() => DatabaseLocation.Parse(db));

        Assert.Contains(mentioned, error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
