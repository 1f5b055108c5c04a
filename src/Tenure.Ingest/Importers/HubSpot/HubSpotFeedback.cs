using Tenure.Ingest.Csv;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Importers.HubSpot;

/// <summary>
/// HubSpot's feedback submissions export -> surveys.csv: an NPS answer (0-10) is an nps answer, a CSAT
/// answer a csat answer on 1-5, a CES answer a ces answer on 1-7; the associated company is the account
/// (by id, else by name). Custom surveys are not placed: Tenure would not know their scale.
/// </summary>
internal static class HubSpotFeedback
{
    private const int RecordId = 0, SurveyType = 1, Rating = 2, Submitted = 3, Response = 4, Company = 5, Contact = 6;

    public static readonly ExportFormat Format = new(
        "the HubSpot feedback submissions export",
        [
            InputColumn.Key("Record ID"), InputColumn.Key("Survey type", InputValue.Choice), InputColumn.Key("Rating", InputValue.WholeNumber),
            InputColumn.Key("Submitted at", InputValue.Instant), InputColumn.Optional("Response"), InputColumn.Key("Associated Company"),
            InputColumn.Optional("Associated Contact"),
        ],
        [
            "Survey name", "Survey ID", "Survey channel", "Response group", "Sentiment", "Create Date", "Last Modified Date",
            "Submission name", "Submission URL", "Contact email", "Knowledge article ID", "Engagement ID", "Form GUID", "Visitor ID",
        ]);

    public static void Map(ExportSource source, MappedData data)
    {
        var surveys = data.Of(InputKinds.Surveys);
        ExportCsv.Read(source, Format, data, (rows, origin) =>
        {
            string id = rows.RequiredText(RecordId);
            int rating = rows.RequiredWholeNumber(Rating);
            var submitted = rows.RequiredInstant(Submitted);
            var comment = rows.OptionalText(Response);
            var contact = rows.OptionalText(Contact);
            string accountId = "";
            var company = rows.OptionalText(Company);
            if (company is null)
                rows.Error(Company, "value is required: an answer must belong to an account");
            else if (data.Accounts.Resolve(company, out var problem) is { } resolved)
                accountId = resolved;
            else
                rows.Error(Company, problem!);

            var type = rows.Span(SurveyType);
            (string survey, string scale) = type.ToString().ToUpperInvariant() switch
            {
                "NPS" => ("nps", "0-10"),
                "CSAT" => ("csat", "1-5"),
                "CES" => ("ces", "1-7"),
                _ => ("", ""),
            };
            if (survey.Length == 0)
                rows.Error(SurveyType, type.IsEmpty ? "value is required"
                    : $"'{CsvRows.Shown(type)}' is not a survey type Tenure can place (NPS, CSAT, CES; a custom survey's scale is unknown)");
            if (rows.RowHasErrors)
                return;
            surveys.Add(origin)
                .Set("response_id", $"hubspot-{id}", "Record ID")
                .Set("survey", survey, "Survey type")
                .Set("account_id", accountId, "Associated Company")
                .Set("user_id", contact, "Associated Contact")
                .Set("score", rating, "Rating")
                .Set("scale", scale, "Survey type")
                .Set("comment", comment, "Response")
                .Set("submitted_at", submitted, "Submitted at");
        });
    }
}
