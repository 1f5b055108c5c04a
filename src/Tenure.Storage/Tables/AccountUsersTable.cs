using Tenure.Metrics.Inputs;
using Tenure.Storage.Schema;

namespace Tenure.Storage.Tables;

/// <summary>
/// account_users (users.csv: end users of customer accounts), keyed by user_id. Not "users", which
/// stays free for the people who sign in to Tenure itself.
/// </summary>
internal sealed class AccountUsersTable() : KindTable<User>(InputKinds.Users)
{
    public override string Name => "account_users";
    public override int KeyCount => 1;
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.Text("user_id"), TableColumn.Text("account_id"), TableColumn.Instant("created_at"),
        TableColumn.OptionalInstant("deactivated_at"),
    ];

    public override void Write(User row, IRowWriter writer)
    {
        writer.Text(row.UserId);
        writer.Text(row.AccountId);
        writer.Instant(row.CreatedAt);
        writer.OptionalInstant(row.DeactivatedAt);
    }

    public override User Read(IRowReader reader) => new(
        reader.Text(), reader.Text(), reader.Instant(), reader.OptionalInstant());
}
