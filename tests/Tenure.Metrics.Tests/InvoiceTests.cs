using System.Globalization;

using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Tests;

/// <summary>
/// <see cref="Invoice"/> keeps a numbered id as its number and shares its charge with recent invoices (ADR 0295, 0305):
/// each invoice must still read back exactly what it was made with, and behave as the plain positional record did.
/// </summary>
public sealed class InvoiceTests
{
    private static readonly DateTime May = new(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("inv_00000001")]
    [InlineData("inv_000000010")] // nine digits, the most kept as a number
    [InlineData("inv_0000000010")] // ten: kept as the string
    [InlineData("INV-2024-000123")] // digits inside the prefix too
    [InlineData("0000042")] // digits only
    [InlineData("7")]
    [InlineData("inv_a")] // no digits
    [InlineData("inv_999999999")]
    [InlineData("inv_9999999999")] // ten nines: more than an int holds
    [InlineData("")]
    [InlineData("é_01")]
    public void The_id_reads_back_as_given(string id)
    {
        var invoice = new Invoice(id, "A1", May, 10m, InvoiceKind.Recurring);

        Assert.Equal(id, invoice.InvoiceId);
        Assert.Equal(id, (invoice with { Amount = 11m }).InvoiceId);
    }

    [Fact]
    public async Task Ids_of_one_number_but_other_widths_or_prefixes_are_other_invoices()
    {
        static Invoice Of(string id) => new(id, "A1", May, 10m, InvoiceKind.Recurring);

        Assert.Equal(Of("inv_001"), Of("inv_001"));
        Assert.Equal(Of("inv_001").GetHashCode(), Of("inv_001").GetHashCode());
        Assert.NotEqual(Of("inv_001"), Of("inv_0001"));
        Assert.NotEqual(Of("inv_001"), Of("inx_001"));
        Assert.NotEqual(Of("inv_001"), Of("inv_002"));
        Assert.NotEqual(Of("inv_0000000001"), Of("inv_0000000002"));
        Assert.Equal(Of("inv_0000000001"), Of("inv_0000000001"));
        // Made on another thread, with no shape to share: still the same invoice.
        var elsewhere = await Task.Run(() => Of("inv_001"), TestContext.Current.CancellationToken);
        Assert.Equal(Of("inv_001"), elsewhere);
        Assert.Equal(Of("inv_001").GetHashCode(), elsewhere.GetHashCode());
    }

    [Fact]
    public void Each_invoice_reads_back_its_charge_even_when_its_neighbour_had_an_equal_one()
    {
        var first = new Invoice("inv_1", "A1", May, 3072.3m, InvoiceKind.Recurring, "seats");
        var second = new Invoice("inv_2", "A1", May.AddMonths(1), 3072.30m, InvoiceKind.Recurring, "seats");
        var refund = new Invoice("inv_3", "A1", May.AddMonths(1), 3072.30m, InvoiceKind.Refund);

        Assert.Equal("3072.3", first.Amount.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("3072.30", second.Amount.ToString(CultureInfo.InvariantCulture));
        Assert.Equal((InvoiceKind.Refund, null), (refund.Kind, refund.Category));
        Assert.Equal((InvoiceKind.Recurring, "seats"), (second.Kind, second.Category));
        Assert.Equal(first with { InvoiceId = "inv_2", Date = May.AddMonths(1), Amount = 3072.30m }, second);
    }

    [Fact]
    public void Invoices_read_back_their_charges_when_others_come_between_as_in_a_file_sorted_by_date()
    {
        // A thread keeps its 1,024 latest charges by a hash of their values. Pairs of invoices made one after the other
        // that differ in one thing only (the amount's scale, the kind, the category): of 60,000 pairs, about 59 land on
        // one slot, where the second must not take the first's charge. Then every charge again, in reverse order.
        var made = new List<(decimal Amount, InvoiceKind Kind, string? Category)>();
        for (var i = 0; i < 20_000; i++)
        {
            decimal amount = 40m + i * 0.01m;
            made.Add((amount, InvoiceKind.Recurring, null));
            made.Add((amount * 1.00m, InvoiceKind.Recurring, null)); // 40.01 and 40.0100
            made.Add((amount, InvoiceKind.OneOff, "seats"));
            made.Add((amount, InvoiceKind.Refund, "seats"));
            made.Add((amount, InvoiceKind.Recurring, "seats"));
            made.Add((amount, InvoiceKind.Recurring, "setup"));
        }
        var invoices = made.Concat(Enumerable.Reverse(made))
            .Select((m, i) => (Made: m, Invoice: new Invoice($"inv_{i}", "A1", May, m.Amount, m.Kind, m.Category)))
            .ToList();

        foreach (var (m, invoice) in invoices)
        {
            Assert.Equal(m.Amount.ToString(CultureInfo.InvariantCulture), invoice.Amount.ToString(CultureInfo.InvariantCulture));
            Assert.Equal((m.Kind, m.Category), (invoice.Kind, invoice.Category));
        }
    }

    [Fact]
    public void Deconstructs_and_prints_in_the_columns_order()
    {
        var invoice = new Invoice("inv_07", "A1", May, 5m, InvoiceKind.OneOff, "setup");

        var (id, account, date, amount, kind, category) = invoice;

        Assert.Equal(("inv_07", "A1", May, 5m, InvoiceKind.OneOff, "setup"), (id, account, date, amount, kind, category));
        Assert.StartsWith("Invoice { InvoiceId = inv_07, AccountId = A1, Date = ", invoice.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("Amount = 5, Kind = OneOff, Category = setup }", invoice.ToString(), StringComparison.Ordinal);
    }
}
