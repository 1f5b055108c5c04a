namespace Tenure.Predictive.Feedback;

/// <summary>
/// Frequent key phrases: runs of two or three words that neither start nor end with a function word ("slow
/// support", "salesforce integration", "takes forever to load" is cut to its three-word runs), counted once per
/// comment, kept when at least two comments use them. Most used first (ties alphabetical); a phrase inside a
/// longer listed phrase with the same count is left out.
/// </summary>
public static class KeyPhrases
{
    /// <summary>Words a key phrase does not start or end with.</summary>
    public static readonly IReadOnlySet<string> FunctionWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "i", "we", "you", "he", "she", "it", "they", "me", "us", "them", "my", "our",
        "your", "its", "their", "this", "that", "these", "those", "is", "are", "was", "were", "be", "been", "am", "to",
        "of", "in", "on", "at", "for", "with", "by", "from", "as", "have", "has", "had", "do", "does", "did", "will",
        "would", "can", "could", "should", "so", "very", "really", "just", "not", "no", "too", "all", "when", "what",
        "which", "who", "there", "here", "if", "then", "than", "also", "about", "more", "much", "some", "any", "up",
        "out", "get", "got", "after", "before", "into", "over", "only", "still", "even", "every", "again",
    };

    public const int MinimumComments = 2;

    public static IReadOnlyList<KeyPhrase> Of(IEnumerable<string> comments, int top)
    {
        ArgumentNullException.ThrowIfNull(comments);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var comment in comments)
        {
            var text = FeedbackText.Of(comment);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < text.Words.Count; i++)
            {
                for (var length = 2; length <= 3 && i + length <= text.Words.Count; length++)
                {
                    if (Enumerable.Range(i, length - 1).Any(k => text.ClauseEndsAfter[k]))
                        break;
                    var first = text.Words[i];
                    var last = text.Words[i + length - 1];
                    if (FunctionWords.Contains(first) || FunctionWords.Contains(last) || first.All(char.IsDigit) || last.All(char.IsDigit))
                        continue;
                    var phrase = string.Join(' ', Enumerable.Range(i, length).Select(k => text.Words[k]));
                    if (seen.Add(phrase))
                        counts[phrase] = counts.GetValueOrDefault(phrase) + 1;
                }
            }
        }
        var frequent = counts.Where(p => p.Value >= MinimumComments).ToList();
        return [.. frequent
            .Where(p => !frequent.Any(o => o.Key.Length > p.Key.Length && o.Value == p.Value && o.Key.Contains(p.Key, StringComparison.Ordinal)))
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(top)
            .Select(p => new KeyPhrase(p.Key, p.Value))];
    }
}
