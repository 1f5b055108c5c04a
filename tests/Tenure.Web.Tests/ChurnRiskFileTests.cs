using Tenure.Predictive.Churn;
using Tenure.Web.ChurnRisk;

namespace Tenure.Web.Tests;

/// <summary>
/// The churn risk kept beside a SQLite database (<see cref="ChurnRiskFile"/>): read back exactly as written, every bit of
/// every probability and contribution; read only for the tenant, creation, data version and day it names; a file
/// cut short or of another format is ignored, never an error.
/// </summary>
public sealed class ChurnRiskFileTests : IDisposable
{
    private static readonly DateTime Day = new(2026, 12, 3, 0, 0, 0, DateTimeKind.Utc);
    private static readonly ChurnRiskStamp Stamp = new("acme", "2026-11-30 10:00:00", 42, Day);
    private readonly string directory = Directory.CreateTempSubdirectory("tenure-churn-file-").FullName;

    private string PathOf(string name) => Path.Combine(directory, name);

    private static TenantChurnRisk Risk() => new(Day, 90, null, 24, 4463, 78, 71,
    [
        // Doubles that a rounding writer would change: 0.1 + 0.2 is 0.30000000000000004; the smallest subnormal; 1 - 2^-53.
        new AccountChurnRisk("A-ü", 0.1 + 0.2, [new ChurnDriver("days_to_renewal", "renewal in 9 days", 0.8912345678901234), new ChurnDriver("nps", "NPS 3 \"detractor\"", -1e-300), new ChurnDriver("tickets", "12 tickets", double.Epsilon)]),
        new AccountChurnRisk("B", 1 - Math.Pow(2, -53), []),
        new AccountChurnRisk("C,\n", double.Epsilon, [new ChurnDriver("seats", "", -0.0)]),
    ]);

    [Fact]
    public void WhatIsWritten_IsReadBackExactly()
    {
        var path = PathOf("acme.churn-risk.json");
        var written = Risk();
        ChurnRiskFile.Write(path, Stamp, written);
        var read = ChurnRiskFile.TryRead(path, Stamp);
        Assert.NotNull(read);
        Assert.Equal((written.AsOf, written.AsOf.Kind, written.HorizonDays, written.TooShort, written.Snapshots, written.TrainingRows, written.ChurnedAccounts, written.HistoryMonths),
            (read.AsOf, read.AsOf.Kind, read.HorizonDays, read.TooShort, read.Snapshots, read.TrainingRows, read.ChurnedAccounts, read.HistoryMonths));
        Assert.Equal(written.Accounts.Count, read.Accounts.Count);
        for (var a = 0; a < written.Accounts.Count; a++)
        {
            Assert.Equal(written.Accounts[a].AccountId, read.Accounts[a].AccountId);
            Assert.Equal(BitConverter.DoubleToInt64Bits(written.Accounts[a].Probability), BitConverter.DoubleToInt64Bits(read.Accounts[a].Probability));
            Assert.Equal(written.Accounts[a].Drivers.Select(d => (d.Feature, d.Text, BitConverter.DoubleToInt64Bits(d.Contribution))),
                read.Accounts[a].Drivers.Select(d => (d.Feature, d.Text, BitConverter.DoubleToInt64Bits(d.Contribution))));
        }
        Assert.Equal(0.30000000000000004, read.For("A-ü")!.Probability);
        Assert.Equal(written.Probabilities(), read.Probabilities());
        Assert.Empty(Directory.GetFiles(directory, "*.tmp"));
    }

    [Fact]
    public void AShortHistory_KeepsItsReason()
    {
        var path = PathOf("acme.churn-risk.json");
        var tooShort = new TenantChurnRisk(Day, 90, "only 4 churned accounts in 14 months of history; at least 20 needed", 10, 300, 4, 14, []);
        ChurnRiskFile.Write(path, Stamp, tooShort);
        var read = ChurnRiskFile.TryRead(path, Stamp)!;
        Assert.False(read.Scored);
        Assert.Equal(tooShort.TooShort, read.TooShort);
        Assert.Empty(read.Accounts);
    }

    [Fact]
    public void AnotherTenantCreationVersionOrDay_IsNotRead()
    {
        var path = PathOf("acme.churn-risk.json");
        ChurnRiskFile.Write(path, Stamp, Risk());
        Assert.NotNull(ChurnRiskFile.TryRead(path, Stamp));
        Assert.Null(ChurnRiskFile.TryRead(path, Stamp with { Tenant = "globex" }));
        Assert.Null(ChurnRiskFile.TryRead(path, Stamp with { CreatedAt = "2026-11-30 10:00:01" })); // the database made anew
        Assert.Null(ChurnRiskFile.TryRead(path, Stamp with { DataVersion = 43 }));
        Assert.Null(ChurnRiskFile.TryRead(path, Stamp with { Day = Day.AddDays(1) }));
        Assert.Null(ChurnRiskFile.TryRead(PathOf("absent.churn-risk.json"), Stamp));
    }

    [Fact]
    public void AFileCutShortOrOfAnotherFormat_IsIgnored()
    {
        var path = PathOf("acme.churn-risk.json");
        ChurnRiskFile.Write(path, Stamp, Risk());
        var text = File.ReadAllText(path);
        File.WriteAllText(path, text[..(text.Length / 2)]);
        Assert.Null(ChurnRiskFile.TryRead(path, Stamp));
        File.WriteAllText(path, text.Replace("\"format\":1", "\"format\":2", StringComparison.Ordinal));
        Assert.Null(ChurnRiskFile.TryRead(path, Stamp));
        File.WriteAllText(path, text.Replace("\"build\":\"", "\"build\":\"x", StringComparison.Ordinal));
        Assert.Null(ChurnRiskFile.TryRead(path, Stamp));
        File.WriteAllText(path, text.Replace("[\"B\",", "[\"B\",\"x\",", StringComparison.Ordinal)); // a driver cut short
        Assert.Null(ChurnRiskFile.TryRead(path, Stamp));
        File.WriteAllText(path, "");
        Assert.Null(ChurnRiskFile.TryRead(path, Stamp));
        File.WriteAllText(path, text);
        Assert.NotNull(ChurnRiskFile.TryRead(path, Stamp));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
