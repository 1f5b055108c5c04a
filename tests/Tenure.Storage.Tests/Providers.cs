namespace Tenure.Storage.Tests;

/// <summary>Every storage test runs on both providers.</summary>
public static class Providers
{
    public static TheoryData<DatabaseProvider> Both => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];
}
