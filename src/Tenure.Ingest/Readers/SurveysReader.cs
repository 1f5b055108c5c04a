using Tenure.Ingest.Csv;
using Tenure.Ingest.Fields;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Readers;

/// <summary>
/// surveys.csv: one survey answer per row, keyed by response_id. The score must lie on its scale,
/// and the standard surveys on the scales METRICS.md allows: nps on 0-10, csat on 1-5, 1-7, 1-10
/// or 0-10, ces on 1-7. "nps", "csat" and "ces" are matched case-insensitively and stored lower
/// case; any other survey id is a custom survey, kept as written.
/// </summary>
internal static class SurveysReader
{
    // Positions in the description's columns (InputKinds.Surveys).
    private const int ResponseId = 0, Survey = 1, AccountId = 2, UserId = 3, Score = 4, ScaleColumn = 5, Comment = 6,
        SubmittedAt = 7, TicketId = 8;

    private static readonly ColumnSet Columns = new(InputKinds.Surveys);

    private static readonly EnumNames<Scale> ScaleNames = new(
        ("0-10", Scale.ZeroToTen), ("1-5", Scale.OneToFive), ("1-7", Scale.OneToSeven), ("1-10", Scale.OneToTen));

    public static CsvReadResult<SurveyResponse> Read(CsvText text, string fileName, AccountIndex? accounts, ReadOptions options)
    {
        var errors = new ErrorLog(fileName, options.MaxErrorsPerFile);
        var responses = new RowBuffer<SurveyResponse>(options.ExpectedRows);
        using var rows = text.Open(Columns, errors);
        if (rows is null)
            return errors.Result(responses);

        var accountRefs = new AccountRefs(accounts);
        var labels = new StringPool();
        var userIds = new StringPool();
        var comments = new StringPool(); // answers repeat comments ("Quick and friendly, thanks!")
        var keys = new IdFirstLines(options.ExpectedRows);
        while (rows.Read())
        {
            var responseId = rows.RequiredRowId(ResponseId, keys, out int repeatOf);
            string survey = SurveyName(rows, labels);
            string accountId = rows.RequiredAccount(AccountId, accountRefs);
            int score = rows.RequiredWholeNumber(Score);
            var scale = rows.RequiredEnum(ScaleColumn, ScaleNames);
            var submittedAt = rows.RequiredInstant(SubmittedAt);
            var userId = rows.OptionalText(UserId, userIds);
            var comment = rows.OptionalText(Comment, comments);
            var ticketId = rows.OptionalText(TicketId);

            if (rows.Valid(ScaleColumn))
            {
                if (survey.Length > 0 && AllowedScales(survey) is { } allowed && !allowed.Contains(scale))
                    rows.Error(ScaleColumn, $"{survey} answers must be on the {string.Join(", ", allowed.Select(s => s.Format()))} scale, not {scale.Format()}");
                else if (rows.Valid(Score) && (score < scale.Min() || score > scale.Max()))
                    rows.Error(Score, $"{score} is outside the {scale.Format()} scale");
            }
            if (repeatOf > 0)
                rows.Duplicate(ResponseId, $"response_id '{responseId}'", repeatOf);

            if (rows.RowHasErrors)
                continue;
            responses.Add(new SurveyResponse(string.Empty, survey, accountId, userId, score, scale, comment, submittedAt, ticketId) { Id = responseId });
        }
        return errors.Result(responses);
    }

    private static string SurveyName(CsvRows rows, StringPool labels)
    {
        var s = rows.Span(Survey);
        if (s.Equals("nps", StringComparison.OrdinalIgnoreCase))
            return "nps";
        if (s.Equals("csat", StringComparison.OrdinalIgnoreCase))
            return "csat";
        if (s.Equals("ces", StringComparison.OrdinalIgnoreCase))
            return "ces";
        return rows.RequiredText(Survey, labels);
    }

    /// <summary>The scales a standard survey may use (METRICS.md "Surveys"); null for a custom survey, which may use any.</summary>
    private static Scale[]? AllowedScales(string survey) => survey switch
    {
        "nps" => NpsScales,
        "csat" => CsatScales,
        "ces" => CesScales,
        _ => null,
    };

    private static readonly Scale[] NpsScales = [Scale.ZeroToTen];
    private static readonly Scale[] CsatScales = [Scale.OneToFive, Scale.OneToSeven, Scale.OneToTen, Scale.ZeroToTen];
    private static readonly Scale[] CesScales = [Scale.OneToSeven];
}
