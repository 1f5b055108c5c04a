using Tenure.Metrics.Inputs;

namespace Tenure.Predictive.Feedback;

/// <summary>
/// Every comment of a data set, analysed once: the survey answers with a non-blank comment and the notes with
/// non-blank text, oldest first (ties by id). Filtering and theme reports read this list.
/// </summary>
public sealed class FeedbackCorpus
{
    private readonly Dictionary<string, Account> accounts;

    private FeedbackCorpus(IReadOnlyList<FeedbackComment> comments, Dictionary<string, Account> accounts, IReadOnlyList<string> themeNames)
    {
        Comments = comments;
        ThemeNames = themeNames;
        this.accounts = accounts;
    }

    public IReadOnlyList<FeedbackComment> Comments { get; }

    /// <summary>The theme names of the analyzer's dictionary, in its order.</summary>
    public IReadOnlyList<string> ThemeNames { get; }

    /// <summary>The account of a comment, when the data set has it.</summary>
    public Account? AccountOf(FeedbackComment comment) =>
        comment.AccountId is { } id && accounts.TryGetValue(id, out var account) ? account : null;

    /// <summary>Analyses the comments of <paramref name="data"/> with <paramref name="analyzer"/> (default: <see cref="FeedbackAnalyzer.Default"/>).</summary>
    public static FeedbackCorpus Of(TenureDataSet data, FeedbackAnalyzer? analyzer = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var pending = new List<(FeedbackSource Source, string Id, string? Survey, string? Account, DateTime At, int? Score, Scale? Scale, string Text)>();
        foreach (var r in data.Surveys)
        {
            if (!string.IsNullOrWhiteSpace(r.Comment))
                pending.Add((FeedbackSource.Survey, r.ResponseId, r.Survey, r.AccountId, r.SubmittedAt, r.Score, r.Scale, r.Comment));
        }
        foreach (var n in data.Notes)
        {
            if (!string.IsNullOrWhiteSpace(n.Text))
                pending.Add((FeedbackSource.Note, n.NoteId, null, n.AccountId, n.Date, null, null, n.Text));
        }
        pending.Sort((x, y) => x.At != y.At ? x.At.CompareTo(y.At) : string.CompareOrdinal(x.Id, y.Id));
        analyzer ??= FeedbackAnalyzer.Default;
        var analyses = analyzer.Analyze([.. pending.Select(p => p.Text)]);
        var comments = pending.Select((p, i) => new FeedbackComment(
            p.Source, p.Id, p.Survey, p.Account, p.At, p.Score, p.Scale,
            p.Score is { } s && p.Scale is { } scale ? FeedbackNames.BandOf(s, scale) : null,
            p.Text, analyses[i])).ToList();
        var byId = new Dictionary<string, Account>(StringComparer.Ordinal);
        foreach (var a in data.Accounts)
            byId[a.AccountId] = a;
        return new FeedbackCorpus(comments, byId, analyzer.Themes.Names);
    }

    /// <summary>The comments <paramref name="filter"/> keeps, in corpus order.</summary>
    public IReadOnlyList<FeedbackComment> Select(FeedbackFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return [.. Comments.Where(c => filter.Keeps(c, AccountOf(c)))];
    }
}
