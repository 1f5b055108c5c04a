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
    public void ReadInvoices_IdsOfEveryShape_ReadBackAsGiven_AndARepeatOfEachIsFound()
    {
        // Ids are kept as their numbers when numbered (as a ticket's, ADR 0365), as strings otherwise: the first id's
        // shape, another width, no digits, a quoted id with an escaped quote and a padded one each read back as written
        // (trimmed), and a repeat of a numbered id and of an unnumbered one is each a duplicate.
        string[] rows = ["I00000001,A1,2024-03-01,10,recurring,", "I12,A1,2024-03-01,10,recurring,", "ext-inv,A1,2024-03-01,10,recurring,",
            "\"x\"\"7\",A1,2024-03-01,10,recurring,", " I00000002 ,A1,2024-03-01,10,recurring,"];

        AssertErrors(Read([Header, .. rows, "I00000001,A1,2024-04-01,10,recurring,", "ext-inv,A1,2024-04-01,10,recurring,"]),
            "invoices.csv:7: invoice_id: duplicate invoice_id 'I00000001' (first on line 2)",
            "invoices.csv:8: invoice_id: duplicate invoice_id 'ext-inv' (first on line 4)");
        var valid = AssertValid(Read([Header, .. rows]));
        Assert.Equal(["I00000001", "I12", "ext-inv", "x\"7", "I00000002"], valid.Select(i => i.InvoiceId));
        Assert.Equal(new Invoice("I00000002", "A1", Utc(2024, 3, 1), 10m, InvoiceKind.Recurring), valid[4]);
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
