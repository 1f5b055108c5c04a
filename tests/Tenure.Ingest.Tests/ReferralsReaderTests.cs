using static Tenure.Ingest.Tests.Csv;

namespace Tenure.Ingest.Tests;

public class ReferralsReaderTests
{
    private static CsvReadResult<Referral> Read(params string[] lines) =>
        CsvInputReader.ReadReferrals(Of(lines), "referrals.csv");

    [Fact]
    public void ReadReferrals_Row_MapsEveryField()
    {
        var referral = Assert.Single(AssertValid(Read("referral_id,account_id,date", "F1,A1,2024-03-05")));

        Assert.Equal(new Referral("F1", "A1", Utc(2024, 3, 5)), referral);
    }

    [Fact]
    public void ReadReferrals_DuplicateId_IsAnError()
    {
        AssertErrors(Read("referral_id,account_id,date", "F1,A1,2024-03-05", "F1,A1,2024-03-06"),
            "referrals.csv:3: referral_id: duplicate referral_id 'F1' (first on line 2)");
    }

    [Fact]
    public void ReadReferrals_UnknownAccountAndBlankDate_AreErrors()
    {
        AssertErrors(CsvInputReader.ReadReferrals(Of("referral_id,account_id,date", "F1,A2,2024-03-05", "F2,A1,"), "referrals.csv", AccountIndex.OfIds(["A1"])),
            "referrals.csv:2: account_id: unknown account 'A2' (not in accounts.csv)",
            "referrals.csv:3: date: value is required");
    }
}
