using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

namespace Tenure.Predictive.Feedback;

/// <summary>
/// Which comments a theme report or a comment list covers. Every condition given must hold; an absent one keeps
/// everything. <see cref="From"/> is inclusive and <see cref="To"/> exclusive (submitted or noted at). A
/// <see cref="Survey"/> keeps that survey's answers (nps, csat, ces or a custom id, ignoring case) and no notes.
/// <see cref="Segment"/> is the account's value of <see cref="SegmentBy"/> (ignoring case; "(none)" for accounts
/// without one). <see cref="Query"/> is full-text: every word of it must occur in the comment as a word or the start
/// of one, ignoring case ("integrat" finds "integration").
/// </summary>
public sealed record FeedbackFilter
{
    public DateTime? From { get; init; }

    public DateTime? To { get; init; }

    public string? Survey { get; init; }

    public ScoreBand? Band { get; init; }

    public Sentiment? Sentiment { get; init; }

    public string? Theme { get; init; }

    public SegmentBy SegmentBy { get; init; } = SegmentBy.Segment;

    public string? Segment { get; init; }

    public string? Query { get; init; }

    /// <summary>Only comments on accounts whose CSM is exactly this (a CSM's own book on the dashboard).</summary>
    public string? Csm { get; init; }

    /// <summary>The label of accounts without a value of the segment attribute.</summary>
    public const string NoValue = "(none)";

    public bool Keeps(FeedbackComment comment, Account? account)
    {
        ArgumentNullException.ThrowIfNull(comment);
        if (From is { } from && comment.At < from)
            return false;
        if (To is { } to && comment.At >= to)
            return false;
        if (!string.IsNullOrWhiteSpace(Survey) && !string.Equals(comment.Survey, Survey.Trim(), StringComparison.OrdinalIgnoreCase))
            return false;
        if (Band is { } band && comment.Band != band)
            return false;
        if (Sentiment is { } sentiment && comment.Analysis.Sentiment != sentiment)
            return false;
        if (!string.IsNullOrWhiteSpace(Theme) && !comment.Analysis.Themes.Contains(Theme.Trim().ToLowerInvariant()))
            return false;
        if (!string.IsNullOrWhiteSpace(Segment) && !string.Equals(SegmentValue(account, SegmentBy), Segment.Trim(), StringComparison.OrdinalIgnoreCase))
            return false;
        if (Csm is not null && !string.Equals(account?.Csm, Csm, StringComparison.Ordinal))
            return false;
        return string.IsNullOrWhiteSpace(Query) || Matches(comment.Text, Query);
    }

    /// <summary>The account's value of a segment attribute, <see cref="NoValue"/> when it has none (or is unknown).</summary>
    public static string SegmentValue(Account? account, SegmentBy by)
    {
        var value = Segmentation.AttributeOf(account, by);
        return string.IsNullOrWhiteSpace(value) ? NoValue : value.Trim();
    }

    private static bool Matches(string text, string query)
    {
        var words = FeedbackText.Of(text).Words;
        return FeedbackText.Of(query).Words.All(q => words.Any(w => w.StartsWith(q, StringComparison.Ordinal)));
    }
}
