using static Tenure.Ingest.Tests.Csv;

namespace Tenure.Ingest.Tests;

public class OffersReaderTests
{
    private const string Header = "offer_id,account_id,kind,presented_at,accepted_at";

    private static CsvReadResult<Offer> Read(params string[] lines) =>
        CsvInputReader.ReadOffers(Of(lines), "offers.csv");

    [Fact]
    public void ReadOffers_AcceptedAndOpen_MapsEveryField()
    {
        var rows = AssertValid(Read(Header, "O1,A1,upsell,2024-02-01,2024-02-10", "O2,A1,,2024-02-01,"));

        Assert.Equal(new Offer("O1", "A1", "upsell", Utc(2024, 2, 1), Utc(2024, 2, 10)), rows[0]);
        Assert.Equal(new Offer("O2", "A1", null, Utc(2024, 2, 1)), rows[1]);
    }

    [Fact]
    public void ReadOffers_AcceptedBeforePresented_IsAnError()
    {
        AssertErrors(Read(Header, "O1,A1,upsell,2024-02-01,2024-01-31"),
            "offers.csv:2: accepted_at: 2024-01-31 is before presented_at 2024-02-01");
    }

    [Fact]
    public void ReadOffers_DuplicateOfferId_IsAnError()
    {
        AssertErrors(Read(Header, "O1,A1,upsell,2024-02-01,", "O1,A2,upsell,2024-02-01,"),
            "offers.csv:3: offer_id: duplicate offer_id 'O1' (first on line 2)");
    }

    [Fact]
    public void ReadOffers_MissingPresentedAt_IsAnError()
    {
        AssertErrors(Read("offer_id,account_id", "O1,A1"),
            "offers.csv:1: presented_at: required column is missing");
    }
}
