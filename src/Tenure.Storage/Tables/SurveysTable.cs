using Tenure.Metrics.Inputs;
using Tenure.Storage.Schema;

namespace Tenure.Storage.Tables;

/// <summary>surveys (answers), keyed by response_id.</summary>
internal sealed class SurveysTable() : KindTable<SurveyResponse>(InputKinds.Surveys)
{
    public override string Name => "surveys";
    public override int KeyCount => 1;
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.Text("response_id"), TableColumn.Text("survey"), TableColumn.Text("account_id"),
        TableColumn.OptionalText("user_id"), TableColumn.Integer("score"), TableColumn.Text("scale"),
        TableColumn.OptionalText("comment"), TableColumn.Instant("submitted_at"), TableColumn.OptionalText("ticket_id"),
    ];

    public override void Write(SurveyResponse row, IRowWriter writer)
    {
        writer.Text(row.ResponseId);
        writer.Text(row.Survey);
        writer.Text(row.AccountId);
        writer.OptionalText(row.UserId);
        writer.Integer(row.Score);
        writer.Text(StoredEnums.Text(row.Scale));
        writer.OptionalText(row.Comment);
        writer.Instant(row.SubmittedAt);
        writer.OptionalText(row.TicketId);
    }

    public override SurveyResponse Read(IRowReader reader) => new(
        reader.Text(), reader.Text(), reader.Text(), reader.OptionalText(), reader.Integer(),
        StoredEnums.ParseScale(reader.Text()), reader.OptionalText(), reader.Instant(), reader.OptionalText());
}
