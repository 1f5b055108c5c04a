using Tenure.Metrics.Inputs;
using Tenure.Storage.Schema;

namespace Tenure.Storage.Tables;

/// <summary>subscriptions: one row per service period, keyed by (subscription_id, start_date).</summary>
internal sealed class SubscriptionsTable() : KindTable<SubscriptionPeriod>(InputKinds.Subscriptions)
{
    public override string Name => "subscriptions";
    public override int KeyCount => 2;
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.Text("subscription_id"), TableColumn.Instant("start_date"),
        TableColumn.Text("account_id"), TableColumn.OptionalText("plan"), TableColumn.OptionalInstant("end_date"),
        TableColumn.Decimal("amount"), TableColumn.Text("interval"), TableColumn.Decimal("quantity"),
        TableColumn.Decimal("discount"), TableColumn.OptionalText("currency"),
    ];

    public override void Write(SubscriptionPeriod row, IRowWriter writer)
    {
        writer.Text(row.SubscriptionId);
        writer.Instant(row.Start);
        writer.Text(row.AccountId);
        writer.OptionalText(row.Plan);
        writer.OptionalInstant(row.End);
        writer.Decimal(row.Amount);
        writer.Text(StoredEnums.Text(row.Interval));
        writer.Decimal(row.Quantity);
        writer.Decimal(row.Discount);
        writer.OptionalText(row.Currency);
    }

    public override SubscriptionPeriod Read(IRowReader reader)
    {
        var subscriptionId = reader.Text();
        var start = reader.Instant();
        var accountId = reader.Text();
        var plan = reader.OptionalText();
        var end = reader.OptionalInstant();
        var amount = reader.Decimal();
        var interval = StoredEnums.ParseBillingInterval(reader.Text());
        return new(subscriptionId, accountId, plan, start, end, amount, interval,
            reader.Decimal(), reader.Decimal(), reader.OptionalText());
    }
}
