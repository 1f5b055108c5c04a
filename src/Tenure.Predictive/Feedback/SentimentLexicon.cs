namespace Tenure.Predictive.Feedback;

/// <summary>
/// A small hand-written sentiment lexicon for customer feedback on B2B software, scored the way VADER scores
/// (Hutto and Gilbert, 2014): every word or phrase has a valence from -4 (most negative) to +4 (most positive), and
/// the comment's lexicon score is their sum after four rules. It is the learned model's domain prior: the review text
/// the model trains on has no "crash", "onboarding" or "support ticket" in it (docs/feedback.md).
/// </summary>
/// <remarks>
/// The rules: (1) a phrase (up to four words) wins over its single words, longest first; (2) a word or phrase in a
/// negation scope (<see cref="FeedbackText.Negated"/>) counts <see cref="NegationFactor"/> times its valence, so
/// "not slow" is mildly positive and "not good" negative; (3) a booster right before it ("very", "too", ...) adds
/// <see cref="BoosterStep"/> in the valence's direction, a dampener ("slightly", "a bit") multiplies by
/// <see cref="DampenerFactor"/>; (4) before the first "but" or "however" valences count half, after it one and a
/// half times, because the clause after the "but" carries the writer's point.
/// </remarks>
public static class SentimentLexicon
{
    /// <summary>VADER's negation scalar: a negated valence keeps a little under three quarters of its size, flipped.</summary>
    public const double NegationFactor = -0.74;

    /// <summary>VADER's booster increment.</summary>
    public const double BoosterStep = 0.293;

    public const double DampenerFactor = 0.6;

    /// <summary>Single words and their valence.</summary>
    public static readonly IReadOnlyDictionary<string, double> Words = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        // General praise.
        ["good"] = 1.9,
        ["great"] = 3.1,
        ["excellent"] = 3.2,
        ["amazing"] = 2.8,
        ["awesome"] = 3.1,
        ["fantastic"] = 2.6,
        ["outstanding"] = 3.0,
        ["exceptional"] = 2.8,
        ["superb"] = 2.9,
        ["brilliant"] = 2.8,
        ["wonderful"] = 2.7,
        ["perfect"] = 2.7,
        ["best"] = 3.2,
        ["better"] = 1.9,
        ["nice"] = 1.8,
        ["love"] = 3.2,
        ["loved"] = 2.9,
        ["loves"] = 2.7,
        ["like"] = 1.5,
        ["likes"] = 1.5,
        ["liked"] = 1.5,
        ["enjoy"] = 2.0,
        ["enjoyed"] = 2.0,
        ["happy"] = 2.7,
        ["glad"] = 2.0,
        ["pleased"] = 2.0,
        ["satisfied"] = 1.8,
        ["delighted"] = 3.0,
        ["impressed"] = 2.1,
        ["impressive"] = 2.3,
        ["recommend"] = 1.5,
        ["recommended"] = 1.5,
        ["thanks"] = 1.5,
        ["thank"] = 1.5,
        ["appreciate"] = 1.8,
        ["appreciated"] = 1.8,
        ["helpful"] = 1.8,
        ["friendly"] = 1.7,
        ["useful"] = 1.8,
        ["valuable"] = 1.9,
        ["worth"] = 1.5,
        ["beautiful"] = 2.5,
        ["gorgeous"] = 2.7,
        ["pretty"] = 1.6,
        ["cute"] = 1.8,
        ["comfortable"] = 1.6,
        ["flattering"] = 1.8,
        ["fits"] = 0.6,
        ["soft"] = 0.9,
        ["favorite"] = 2.0,
        ["fabulous"] = 2.9,
        ["lovely"] = 2.6,
        ["glowing"] = 1.5,

        // Praise in software feedback.
        ["easy"] = 1.9,
        ["easier"] = 1.6,
        ["easily"] = 1.4,
        ["simple"] = 1.0,
        ["smooth"] = 1.5,
        ["smoothly"] = 1.5,
        ["seamless"] = 2.0,
        ["seamlessly"] = 2.0,
        ["intuitive"] = 2.0,
        ["clean"] = 1.3,
        ["reliable"] = 2.0,
        ["stable"] = 1.5,
        ["fast"] = 1.5,
        ["faster"] = 1.4,
        ["quick"] = 1.2,
        ["quickly"] = 1.1,
        ["instantly"] = 1.3,
        ["instant"] = 1.2,
        ["snappy"] = 1.5,
        ["responsive"] = 1.5,
        ["proactive"] = 1.6,
        ["powerful"] = 1.7,
        ["accurate"] = 1.5,
        ["solid"] = 1.5,
        ["efficient"] = 1.7,
        ["flexible"] = 1.3,
        ["robust"] = 1.6,
        ["fair"] = 1.0,
        ["affordable"] = 1.3,
        ["painless"] = 1.6,
        ["lifesaver"] = 2.6,
        ["saves"] = 1.3,
        ["saved"] = 1.3,
        ["improved"] = 1.5,
        ["improvement"] = 1.2,
        ["improvements"] = 1.2,
        ["resolved"] = 1.2,
        ["fixed"] = 1.0,
        ["works"] = 0.8,
        ["working"] = 0.6,
        ["rely"] = 1.0,
        ["renewed"] = 1.5,
        ["knowledgeable"] = 1.8,
        ["patient"] = 1.3,
        ["attentive"] = 1.5,
        ["transparent"] = 1.2,
        ["polished"] = 1.6,
        ["elegant"] = 1.9,
        ["clear"] = 1.0,
        ["noticeable"] = 0.6,
        ["game-changer"] = 2.6,

        // General complaint.
        ["bad"] = -2.5,
        ["terrible"] = -3.1,
        ["awful"] = -3.0,
        ["horrible"] = -3.0,
        ["poor"] = -2.1,
        ["poorly"] = -2.0,
        ["worst"] = -3.1,
        ["worse"] = -2.1,
        ["hate"] = -2.7,
        ["hated"] = -2.7,
        ["disappointed"] = -2.2,
        ["disappointing"] = -2.2,
        ["disappointment"] = -2.3,
        ["frustrating"] = -2.2,
        ["frustrated"] = -2.0,
        ["frustration"] = -2.0,
        ["annoying"] = -1.9,
        ["annoyed"] = -1.8,
        ["useless"] = -2.5,
        ["unhappy"] = -2.2,
        ["upset"] = -2.0,
        ["angry"] = -2.5,
        ["problem"] = -1.4,
        ["problems"] = -1.4,
        ["issue"] = -1.0,
        ["issues"] = -1.0,
        ["complaint"] = -1.2,
        ["complaints"] = -1.2,
        ["wrong"] = -1.8,
        ["sadly"] = -1.5,
        ["unfortunately"] = -1.5,
        ["regret"] = -2.0,
        ["misleading"] = -2.0,
        ["waste"] = -2.2,
        ["mess"] = -1.8,
        ["messy"] = -1.6,
        ["fail"] = -2.0,
        ["fails"] = -2.0,
        ["failed"] = -2.0,
        ["failing"] = -2.0,
        ["failure"] = -2.0,
        ["lacking"] = -1.5,
        ["lacks"] = -1.3,
        ["lack"] = -1.2,
        ["missing"] = -1.2,
        ["mediocre"] = -1.6,
        ["meh"] = -1.0,
        ["ugly"] = -2.3,
        ["cheap"] = -0.8,
        ["returned"] = -1.0,
        ["returning"] = -1.0,
        ["unflattering"] = -2.0,
        ["itchy"] = -1.5,
        ["boxy"] = -0.8,
        ["sloppy"] = -1.8,
        ["concern"] = -1.0,
        ["concerns"] = -1.0,
        ["worried"] = -1.5,
        ["stuck"] = -1.5,

        // Complaint in software feedback.
        ["slow"] = -1.5,
        ["slower"] = -1.5,
        ["slowly"] = -1.2,
        ["slowness"] = -1.6,
        ["sluggish"] = -1.8,
        ["laggy"] = -1.8,
        ["lag"] = -1.3,
        ["lags"] = -1.3,
        ["forever"] = -1.0,
        ["crash"] = -2.2,
        ["crashes"] = -2.2,
        ["crashing"] = -2.2,
        ["crashed"] = -2.2,
        ["bug"] = -1.6,
        ["bugs"] = -1.6,
        ["buggy"] = -2.2,
        ["glitch"] = -1.6,
        ["glitches"] = -1.6,
        ["glitchy"] = -2.0,
        ["error"] = -1.3,
        ["errors"] = -1.3,
        ["broken"] = -2.0,
        ["breaks"] = -1.8,
        ["broke"] = -1.8,
        ["unreliable"] = -2.2,
        ["unstable"] = -2.0,
        ["unusable"] = -2.8,
        ["downtime"] = -1.8,
        ["outage"] = -2.0,
        ["outages"] = -2.0,
        ["timeout"] = -1.3,
        ["timeouts"] = -1.3,
        ["freezes"] = -1.8,
        ["frozen"] = -1.5,
        ["loses"] = -1.3,
        ["lost"] = -1.3,
        ["expensive"] = -1.5,
        ["overpriced"] = -2.3,
        ["pricey"] = -1.2,
        ["costly"] = -1.5,
        ["overcharged"] = -2.3,
        ["confusing"] = -1.6,
        ["confused"] = -1.3,
        ["difficult"] = -1.5,
        ["complicated"] = -1.4,
        ["clunky"] = -1.8,
        ["cumbersome"] = -1.6,
        ["tedious"] = -1.6,
        ["painful"] = -2.0,
        ["outdated"] = -1.5,
        ["unresponsive"] = -2.2,
        ["rude"] = -2.5,
        ["ignored"] = -1.8,
        ["ignore"] = -1.5,
        ["cancel"] = -1.8,
        ["cancelling"] = -1.8,
        ["canceling"] = -1.8,
        ["cancelled"] = -1.5,
        ["canceled"] = -1.5,
        ["cancellation"] = -1.5,
        ["churn"] = -1.5,
        ["steep"] = -0.8,
        ["constantly"] = -0.5,
        ["unclear"] = -1.3,
        ["inaccurate"] = -1.8,
        ["incorrect"] = -1.6,
        ["wrongly"] = -1.5,
        ["delayed"] = -1.2,
        ["delays"] = -1.2,
    };

    /// <summary>Phrases (words separated by single spaces, as <see cref="FeedbackText"/> tokenizes) and their valence.</summary>
    public static readonly IReadOnlyDictionary<string, double> Phrases = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["no complaints"] = 2.0,
        ["no complaint"] = 2.0,
        ["no issues"] = 1.5,
        ["no problems"] = 1.5,
        ["no problem"] = 1.2,
        ["never looked back"] = 2.5,
        ["not recommend it enough"] = 2.8,
        ["not recommend enough"] = 2.8,
        ["just works"] = 2.0,
        ["it works"] = 1.0,
        ["value for money"] = 1.8,
        ["worth it"] = 1.8,
        ["worth the money"] = 2.0,
        ["worth every penny"] = 2.5,
        ["easy to use"] = 2.2,
        ["user friendly"] = 2.0,
        ["user-friendly"] = 2.0,
        ["above and beyond"] = 2.5,
        ["went above"] = 2.0,
        ["saves me"] = 1.5,
        ["saves us"] = 1.5,
        ["game changer"] = 2.6,
        ["waste of time"] = -2.5,
        ["waste of money"] = -2.8,
        ["takes forever"] = -2.2,
        ["take forever"] = -2.2,
        ["took forever"] = -2.2,
        ["too many"] = -1.2,
        ["too much"] = -0.8,
        ["too long"] = -1.5,
        ["hard to use"] = -2.0,
        ["hard to find"] = -1.5,
        ["hard to justify"] = -1.8,
        ["learning curve"] = -0.8,
        ["not working"] = -2.0,
        ["not work"] = -1.8,
        ["stopped working"] = -2.2,
        ["stops working"] = -2.2,
        ["charged twice"] = -2.0,
        ["double charged"] = -2.0,
        ["fell short"] = -1.8,
        ["falls short"] = -1.8,
        ["looking at alternatives"] = -1.8,
        ["looking for alternatives"] = -1.8,
        ["looking at cheaper"] = -1.5,
        ["switching to"] = -1.0,
        ["would like"] = 0.0,
        ["please add"] = 0.0,
        ["logs me out"] = -1.5,
        ["kicks me out"] = -1.5,
        ["not bad"] = 1.0,
        ["not great"] = -1.5,
        ["not good"] = -1.8,
        ["not happy"] = -2.0,
        ["not impressed"] = -1.8,
        ["still not fixed"] = -2.2,
        ["never fixed"] = -2.0,
        ["never replied"] = -2.0,
        ["never responded"] = -2.0,
        ["no response"] = -1.8,
        ["no reply"] = -1.8,
        ["no one"] = -0.5,
        ["nobody helped"] = -2.0,
    };

    /// <summary>Words that strengthen the next word's valence.</summary>
    public static readonly IReadOnlySet<string> Boosters = new HashSet<string>(StringComparer.Ordinal)
    {
        "very", "really", "so", "extremely", "super", "incredibly", "too", "totally", "absolutely", "completely", "highly",
        "truly", "especially", "hugely", "remarkably", "seriously", "terribly", "awfully", "utterly", "way",
    };

    /// <summary>Words that weaken the next word's valence.</summary>
    public static readonly IReadOnlySet<string> Dampeners = new HashSet<string>(StringComparer.Ordinal)
    {
        "slightly", "somewhat", "bit", "little", "fairly", "marginally", "occasionally", "sometimes",
    };

    private const int LongestPhrase = 4;

    /// <summary>The comment's lexicon score: the sum of its valences after the rules above (0 when nothing matches).</summary>
    public static LexiconScore Score(FeedbackText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = text.Words;
        var butAt = -1;
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i] is "but" or "however")
            {
                butAt = i;
                break;
            }
        }

        var sum = 0.0;
        var hits = 0;
        var i2 = 0;
        while (i2 < words.Count)
        {
            var (valence, length) = Match(words, i2);
            if (length == 0)
            {
                i2++;
                continue;
            }
            if (valence != 0)
            {
                if (i2 > 0 && Boosters.Contains(words[i2 - 1]))
                    valence += Math.Sign(valence) * BoosterStep;
                else if (i2 > 0 && Dampeners.Contains(words[i2 - 1]))
                    valence *= DampenerFactor;
                if (text.Negated[i2])
                    valence *= NegationFactor;
                if (butAt >= 0)
                    valence *= i2 < butAt ? 0.5 : 1.5;
                sum += valence;
                hits++;
            }
            i2 += length;
        }
        return new LexiconScore(sum, hits);
    }

    private static (double Valence, int Length) Match(IReadOnlyList<string> words, int start)
    {
        for (var length = Math.Min(LongestPhrase, words.Count - start); length >= 2; length--)
        {
            var phrase = string.Join(' ', Enumerable.Range(start, length).Select(i => words[i]));
            if (Phrases.TryGetValue(phrase, out var v))
                return (v, length);
        }
        return Words.TryGetValue(words[start], out var w) ? (w, 1) : (0, 0);
    }
}

/// <summary>A comment's lexicon <paramref name="Sum"/> of valences and how many words or phrases carried one.</summary>
public readonly record struct LexiconScore(double Sum, int Hits);
