using Tenure.Ingest.Importers;

using static Tenure.Ingest.Tests.Importers.ImportSamples;

namespace Tenure.Ingest.Tests.Importers;

/// <summary>
/// tests/data/importers/hubspot, by hand. Acme Ltd is already stored (from Stripe, cus_A), so HubSpot's
/// company 5001 of that name updates it; Omega AG is new (5002). June 2025's feedback:
///   nps: 10, 9 promoters, 8 passive, 3 detractor of 4: 2/4 x 100 - 1/4 x 100 = 50 - 25 = 25
///   csat: 4 (positive on 1-5) and 2: 1 of 2 = 50 %
/// </summary>
public class HubSpotImportTests
{
    [Fact]
    public void Read_Companies_UpdateTheStoredAccountOfTheSameNameAndAddTheOthers()
    {
        var data = Read(ExportSystem.HubSpot, StoredAccounts, SampleDirectory("hubspot"));

        Assert.Equal(["5002", "cus_A"], data.Accounts.Select(a => a.AccountId).Order(StringComparer.Ordinal));
        var acme = Assert.Single(data.Accounts, a => a.AccountId == "cus_A");
        // HubSpot's owner, industry, lifecycle stage and country; the stored name, creation and currency stay.
        Assert.Equal(("Olivia Owner", "Software", "Customer", "United Kingdom"), (acme.Csm!, acme.Industry!, acme.Segment!, acme.Region!));
        Assert.Equal(("Acme Ltd", new DateTime(2025, 1, 10, 9, 0, 0, DateTimeKind.Utc), "USD"), (acme.Name, acme.CreatedAt, acme.Currency!));
        var omega = Assert.Single(data.Accounts, a => a.AccountId == "5002");
        Assert.Equal(("Omega AG", "Oscar Owner", "Opportunity", new DateTime(2025, 5, 1, 10, 0, 0, DateTimeKind.Utc)), (omega.Name, omega.Csm!, omega.Segment!, omega.CreatedAt));
    }

    [Fact]
    public void Read_FeedbackSubmissions_GivesHandComputedJuneFigures()
    {
        var data = Read(ExportSystem.HubSpot, StoredAccounts, SampleDirectory("hubspot"));

        var figures = JuneFigures(data, "nps", "csat");

        Assert.Equal(6, data.Surveys.Count);
        Assert.Equal(25m, figures["nps"]);
        Assert.Equal(50m, figures["csat"]);
        var first = Assert.Single(data.Surveys, s => s.ResponseId == "hubspot-7001");
        Assert.Equal(("nps", Scale.ZeroToTen, 10, "cus_A", "ann@acme.test", "Love it"), (first.Survey, first.Scale, first.Score, first.AccountId, first.UserId!, first.Comment!));
        // "5002" names the company by id, "Omega AG" by name.
        Assert.All(data.Surveys.Where(s => s.ResponseId is "hubspot-7002" or "hubspot-7003"), s => Assert.Equal("5002", s.AccountId));
    }

    [Fact]
    public void Read_LifecycleStageTenureCannotPlace_NamesFileLineAndColumn()
    {
        using var copy = CopyWith("hubspot", "hubspot-crm-exports-all-companies-2025-07-01.csv", text => text.Replace("Opportunity", "Churned", StringComparison.Ordinal));

        var error = Assert.Single(Errors(ExportSystem.HubSpot, StoredAccounts, copy.Path));

        Assert.Equal(("hubspot-crm-exports-all-companies-2025-07-01.csv", 3, "Lifecycle Stage"), (error.File, error.Line, error.Column));
        Assert.Contains("'Churned' is not a HubSpot lifecycle stage Tenure can place", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("7002,Quarterly NPS,NPS,9", "7002,Quarterly NPS,CUSTOM,9", 3, "Survey type", "a custom survey's scale is unknown")]
    // 7 is off CSAT's 1-5: Tenure's own surveys reader says so, on the export's Rating column.
    [InlineData("7005,Support CSAT,CSAT,4", "7005,Support CSAT,CSAT,7", 6, "Rating", "7 is outside the 1-5 scale")]
    public void Read_SurveyTenureCannotPlace_NamesFileLineAndColumn(string from, string to, int line, string column, string message)
    {
        using var copy = CopyWith("hubspot", "hubspot-crm-exports-all-feedback-submissions-2025-07-01.csv", text => text.Replace(from, to, StringComparison.Ordinal));

        var error = Assert.Single(Errors(ExportSystem.HubSpot, StoredAccounts, copy.Path));

        Assert.Equal(("hubspot-crm-exports-all-feedback-submissions-2025-07-01.csv", line, column), (error.File, error.Line, error.Column));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
