using Tenure.Metrics.Inputs;
using Tenure.Storage.Schema;

namespace Tenure.Storage.Tables;

/// <summary>referrals, keyed by referral_id.</summary>
internal sealed class ReferralsTable() : KindTable<Referral>(InputKinds.Referrals)
{
    public override string Name => "referrals";
    public override int KeyCount => 1;
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.Text("referral_id"), TableColumn.Text("account_id"), TableColumn.Instant("date"),
    ];

    public override void Write(Referral row, IRowWriter writer)
    {
        writer.Text(row.ReferralId);
        writer.Text(row.AccountId);
        writer.Instant(row.Date);
    }

    public override Referral Read(IRowReader reader) => new(reader.Text(), reader.Text(), reader.Instant());
}
