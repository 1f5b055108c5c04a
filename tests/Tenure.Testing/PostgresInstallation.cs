namespace Tenure.Testing;

/// <summary>Where the PostgreSQL server programs (initdb, pg_ctl) are: the highest /usr/lib/postgresql/N/bin, else PATH.</summary>
public sealed record PostgresInstallation(string BinDirectory)
{
    public string InitDb => Path.Combine(BinDirectory, "initdb");

    public string PgCtl => Path.Combine(BinDirectory, "pg_ctl");

    /// <summary>The installation to use, or null when initdb and pg_ctl are not both found.</summary>
    public static PostgresInstallation? Find()
    {
        foreach (var dir in Candidates())
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            {
                return new PostgresInstallation(dir);
            }
        }
        return null;
    }

    static IEnumerable<string> Candidates()
    {
        const string Debian = "/usr/lib/postgresql";
        if (Directory.Exists(Debian))
        {
            // Highest major version first: /usr/lib/postgresql/15/bin before .../14/bin.
            var versions = Directory.GetDirectories(Debian)
                .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
                .OrderByDescending(d => d.Version);
            foreach (var (dir, _) in versions)
            {
                yield return Path.Combine(dir, "bin");
            }
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            yield return dir;
        }
    }
}
