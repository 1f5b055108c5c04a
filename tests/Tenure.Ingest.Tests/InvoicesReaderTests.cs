using static Tenure.Ingest.Tests.Csv;

namespace Tenure.Ingest.Tests;

public class InvoicesReaderTests
{
    private const string Header = "invoice_id,account_id,date,amount,kind,category";

    private static CsvReadResult<Invoice> Read(params string[] lines) =>
        CsvInputReader.ReadInvoices(Of(lines), "invoices.csv");

    [Fact]
    public void ReadInvoices_EachKind_MapsEveryField()
    {
        var rows = AssertValid(Read(Header,
            "I1,A1,2024-03-01,100,recurring,",
            "I2,A1,2024-03-02,40.5,one_off,add_on",
            "I3,A1,2024-03-03,10,Refund,"));

        Assert.Equal(new Invoice("I1", "A1", Utc(2024, 3, 1), 100m, InvoiceKind.Recurring), rows[0]);
        Assert.Equal(new Invoice("I2", "A1", Utc(2024, 3, 2), 40.5m, InvoiceKind.OneOff, "add_on"), rows[1]);
        Assert.Equal(InvoiceKind.Refund, rows[2].Kind);
    }

    [Fact]
    public void ReadInvoices_NegativeAmount_IsAnError()
    {
        AssertErrors(Read(Header, "I1,A1,2024-03-01,-10,refund,"),
            "invoices.csv:2: amount: '-10' must not be negative");
    }

    [Fact]
    public void ReadInvoices_UnknownKind_IsAnError()
    {
        AssertErrors(Read(Header, "I1,A1,2024-03-01,10,credit,"),
            "invoices.csv:2: kind: 'credit' is not one of recurring, one_off, refund");
    }

    [Fact]
    public void ReadInvoices_DuplicateInvoiceId_IsAnError()
    {
        AssertErrors(Read(Header, "I1,A1,2024-03-01,10,recurring,", "I1,A1,2024-04-01,10,recurring,"),
            "invoices.csv:3: invoice_id: duplicate invoice_id 'I1' (first on line 2)");
    }

    [Fact]
    public void ReadInvoices_MissingKindColumn_IsAnError()
    {
        AssertErrors(Read("invoice_id,account_id,date,amount", "I1,A1,2024-03-01,10"),
            "invoices.csv:1: kind: required column is missing");
    }

    [Fact]
    public void ReadInvoices_UnknownAccount_IsAnError()
    {
        AssertErrors(CsvInputReader.ReadInvoices(Of(Header, "I1,B7,2024-03-01,10,recurring,"), "invoices.csv", AccountIndex.OfIds(["A1"])),
            "invoices.csv:2: account_id: unknown account 'B7' (not in accounts.csv)");
    }
}
