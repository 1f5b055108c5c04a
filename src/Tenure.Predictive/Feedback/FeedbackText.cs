using System.Net;
using System.Text;

namespace Tenure.Predictive.Feedback;

/// <summary>
/// A comment as lower-case word tokens with negation scopes: the one tokenization behind the learned model, the
/// lexicon and the theme matcher, so they read the same words.
/// </summary>
/// <remarks>
/// HTML entities are decoded (<c>&amp;#39;</c> is an apostrophe), curly apostrophes are straightened, and a
/// contraction in <c>n't</c> becomes its verb and <c>not</c> ("don't" -> "do not", "can't" -> "can not",
/// "won't" -> "will not"; also the apostrophe-less "dont", "cant", ...). A possessive or clitic <c>'s</c>,
/// <c>'m</c>, <c>'re</c>, <c>'ve</c>, <c>'ll</c>, <c>'d</c> is dropped. Sentence and clause punctuation
/// (<c>. , ; : ! ? ( )</c>) and the word "but" end a negation scope.
/// </remarks>
public sealed class FeedbackText
{
    /// <summary>Words that open a negation scope.</summary>
    public static readonly IReadOnlySet<string> Negators = new HashSet<string>(StringComparer.Ordinal)
    {
        "not", "no", "never", "none", "nothing", "nobody", "neither", "nor", "without", "hardly", "barely", "nowhere",
    };

    /// <summary>How many words after a negator it reaches at most (the clause may end it sooner).</summary>
    public const int NegationReach = 3;

    private static readonly Dictionary<string, string[]> Contractions = new(StringComparer.Ordinal)
    {
        ["can't"] = ["can", "not"],
        ["cant"] = ["can", "not"],
        ["cannot"] = ["can", "not"],
        ["won't"] = ["will", "not"],
        ["wont"] = ["will", "not"],
        ["don't"] = ["do", "not"],
        ["dont"] = ["do", "not"],
        ["doesn't"] = ["does", "not"],
        ["doesnt"] = ["does", "not"],
        ["didn't"] = ["did", "not"],
        ["didnt"] = ["did", "not"],
        ["isn't"] = ["is", "not"],
        ["isnt"] = ["is", "not"],
        ["aren't"] = ["are", "not"],
        ["arent"] = ["are", "not"],
        ["wasn't"] = ["was", "not"],
        ["wasnt"] = ["was", "not"],
        ["weren't"] = ["were", "not"],
        ["werent"] = ["were", "not"],
        ["haven't"] = ["have", "not"],
        ["havent"] = ["have", "not"],
        ["hasn't"] = ["has", "not"],
        ["hasnt"] = ["has", "not"],
        ["hadn't"] = ["had", "not"],
        ["shouldn't"] = ["should", "not"],
        ["shouldnt"] = ["should", "not"],
        ["wouldn't"] = ["would", "not"],
        ["wouldnt"] = ["would", "not"],
        ["couldn't"] = ["could", "not"],
        ["couldnt"] = ["could", "not"],
        ["ain't"] = ["is", "not"],
    };

    private static readonly string[] Clitics = ["'s", "'m", "'re", "'ve", "'ll", "'d"];

    private FeedbackText(string[] words, bool[] negated, bool[] clauseEnd)
    {
        Words = words;
        Negated = negated;
        ClauseEndsAfter = clauseEnd;
    }

    /// <summary>The words, lower case, in order.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>Per word: it stands within the scope of an earlier negator of its clause (the negator itself is not negated).</summary>
    public IReadOnlyList<bool> Negated { get; }

    /// <summary>Per word: clause punctuation follows it.</summary>
    public IReadOnlyList<bool> ClauseEndsAfter { get; }

    /// <summary>Tokenizes <paramref name="comment"/>; null or blank gives no words.</summary>
    public static FeedbackText Of(string? comment)
    {
        var words = new List<string>();
        var clauseEnd = new List<bool>();
        if (!string.IsNullOrWhiteSpace(comment))
        {
            var text = WebUtility.HtmlDecode(comment).Replace('\u2019', '\'').Replace('\u2018', '\'').ToLowerInvariant();
            var word = new StringBuilder();
            foreach (var c in text)
            {
                if (char.IsLetterOrDigit(c) || c == '\'' || (c == '-' && word.Length > 0))
                {
                    word.Append(c);
                    continue;
                }
                Flush(word, words, clauseEnd);
                if (c is '.' or ',' or ';' or ':' or '!' or '?' or '(' or ')' or '\n' && clauseEnd.Count > 0)
                    clauseEnd[^1] = true;
            }
            Flush(word, words, clauseEnd);
        }

        var negated = new bool[words.Count];
        var reach = 0;
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            if (w is "but" or "however" or "although" or "though")
                reach = 0;
            else if (Negators.Contains(w) && !(w == "not" && i + 1 < words.Count && words[i + 1] is "only" or "just"))
                reach = NegationReach;
            else if (reach > 0)
            {
                negated[i] = true;
                reach--;
            }
            if (clauseEnd[i])
                reach = 0;
        }
        return new FeedbackText([.. words], negated, [.. clauseEnd]);
    }

    /// <summary>
    /// The text the learned model reads: the words joined by spaces, each word in a negation scope prefixed with
    /// "neg" and the negators themselves left out ("not slow" -> "negslow"), so "slow" and "not slow" are different
    /// features and a negation is not evidence by itself (in reviews "not" leans negative, which would make "not
    /// slow" a complaint).
    /// </summary>
    public string ModelText()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < Words.Count; i++)
        {
            if (Negators.Contains(Words[i]))
                continue;
            if (builder.Length > 0)
                builder.Append(' ');
            if (Negated[i])
                builder.Append("neg");
            builder.Append(Words[i]);
        }
        return builder.ToString();
    }

    private static void Flush(StringBuilder word, List<string> words, List<bool> clauseEnd)
    {
        if (word.Length == 0)
            return;
        var w = word.ToString().Trim('\'', '-');
        word.Clear();
        if (w.Length == 0)
            return;
        if (Contractions.TryGetValue(w, out var expanded))
        {
            foreach (var part in expanded)
            {
                words.Add(part);
                clauseEnd.Add(false);
            }
            return;
        }
        if (w.EndsWith("n't", StringComparison.Ordinal) && w.Length > 3)
        {
            words.Add(w[..^3]);
            clauseEnd.Add(false);
            words.Add("not");
            clauseEnd.Add(false);
            return;
        }
        foreach (var clitic in Clitics)
        {
            if (w.EndsWith(clitic, StringComparison.Ordinal) && w.Length > clitic.Length)
            {
                w = w[..^clitic.Length];
                break;
            }
        }
        words.Add(w.Replace("'", "", StringComparison.Ordinal));
        clauseEnd.Add(false);
    }
}
