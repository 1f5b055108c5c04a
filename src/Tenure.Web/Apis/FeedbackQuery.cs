using Tenure.Metrics.Engine;
using Tenure.Predictive.Feedback;

namespace Tenure.Web.Apis;

/// <summary>
/// The query of GET /api/v1/feedback/* and the Feedback page: from, to (yyyy-MM-dd or ISO-8601; from inclusive, to
/// exclusive), survey, by (csm, plan, segment, industry, region), q (full text, up to <see cref="MaxQueryLength"/>
/// characters), band (detractor, passive, promoter), sentiment (negative, neutral, positive), theme (a theme of the
/// dictionary), segment (an account segment value), limit (comments listed, 1 to <see cref="MaxLimit"/>).
/// Errors name the parameter (<see cref="QueryParameterException"/>).
/// </summary>
public sealed record FeedbackQuery(FeedbackFilter Filter, SegmentBy By, int Limit)
{
    public const int MaxQueryLength = 200;
    public const int MaxLimit = 500;
    public const int DefaultLimit = 50;

    /// <exception cref="QueryParameterException">A parameter cannot be used.</exception>
    public static FeedbackQuery Parse(Func<string, string?> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var from = QueryParsing.OptionalInstant(query("from"), "from");
        var to = QueryParsing.OptionalInstant(query("to"), "to");
        if (from is { } f && to is { } t && t <= f)
            throw new QueryParameterException("to", $"to '{query("to")}' must be after from '{query("from")}'.");
        var byText = query("by");
        if (!Segmentation.TryParseKey(byText, out var by) || by == SegmentBy.Cohort)
            throw new QueryParameterException("by", $"by '{byText}' is not one of csm, plan, segment, industry, region.");
        var q = Blank(query("q"));
        if (q is { Length: > MaxQueryLength })
            throw new QueryParameterException("q", $"q is {q.Length} characters long; at most {MaxQueryLength}.");
        ScoreBand? band = null;
        if (Blank(query("band")) is { } bandText)
            band = FeedbackNames.TryParseBand(bandText, out var b) ? b : throw new QueryParameterException("band", $"band '{bandText}' is not one of detractor, passive, promoter.");
        Sentiment? sentiment = null;
        if (Blank(query("sentiment")) is { } sentimentText)
            sentiment = Sentiments.TryParse(sentimentText, out var s) ? s : throw new QueryParameterException("sentiment", $"sentiment '{sentimentText}' is not one of negative, neutral, positive.");
        var theme = Blank(query("theme"))?.ToLowerInvariant();
        if (theme is not null && !ThemeDictionary.Software.Names.Contains(theme))
            throw new QueryParameterException("theme", $"theme '{theme}' is not one of {string.Join(", ", ThemeDictionary.Software.Names)}.");
        var filter = new FeedbackFilter
        {
            From = from,
            To = to,
            Survey = Blank(query("survey")),
            Query = q,
            Band = band,
            Sentiment = sentiment,
            Theme = theme,
            Segment = Blank(query("segment")),
        };
        return new FeedbackQuery(filter, by, QueryParsing.WholeNumber(query("limit"), "limit", DefaultLimit, 1, MaxLimit));
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
