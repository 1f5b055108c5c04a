namespace Tenure.Predictive.Feedback;

/// <summary>
/// The themes of B2B software feedback and the words and phrases that mention each (docs/feedback.md lists them).
/// A comment mentions a theme when one of its terms occurs in it, compared lemma by lemma (<see cref="Lemmas"/>), so
/// "reports", "reporting" and "report" all mention reports. A theme is a mention, not a judgement: "fast support" and
/// "slow support" both mention support; the comment's sentiment says which way.
/// </summary>
public sealed class ThemeDictionary
{
    private readonly List<(string Theme, string[][] Terms)> themes;

    private ThemeDictionary(IEnumerable<(string Theme, string[] Terms)> entries)
    {
        themes = [.. entries.Select(e => (e.Theme, e.Terms.Select(t => t.Split(' ').Select(Lemmas.Of).ToArray()).ToArray()))];
    }

    /// <summary>The theme names, in the order comments list them.</summary>
    public IReadOnlyList<string> Names => [.. themes.Select(t => t.Theme)];

    /// <summary>The terms of one theme as written in the dictionary (before lemmatizing).</summary>
    public IReadOnlyList<string> TermsOf(string theme) => Entries.First(e => e.Theme == theme).Terms;

    private static readonly (string Theme, string[] Terms)[] Entries =
    [
        ("pricing", ["price", "pricing", "priced", "expensive", "cheap", "cheaper", "cost", "costly", "overpriced", "pricey",
            "affordable", "value for money", "renewal quote", "price increase", "discount", "fee", "license cost", "roi"]),
        ("support", ["support team", "customer support", "support", "help desk", "helpdesk", "support agent", "agent",
            "ticket", "customer success", "success manager", "account manager", "csm", "response time", "support engineer"]),
        ("bugs", ["bug", "buggy", "crash", "glitch", "error", "broken", "breaks", "defect", "not working", "stopped working",
            "fails", "failed", "failure", "data loss", "loses", "still not fixed", "regression"]),
        ("performance", ["slow", "slowness", "fast", "speed", "performance", "lag", "laggy", "latency", "loading", "load time",
            "takes forever", "timeout", "freeze", "sluggish", "instantly", "downtime", "outage", "uptime"]),
        ("onboarding", ["onboarding", "onboard", "setup", "set up", "get started", "getting started", "implementation",
            "rollout", "training", "kickoff", "go-live", "migration", "first week"]),
        ("integrations", ["integration", "integrate", "api", "webhook", "sync", "connector", "salesforce", "hubspot", "slack",
            "jira", "zapier", "zendesk", "intercom", "sso"]),
        ("reports", ["report", "reporting", "dashboard", "analytics", "chart", "export", "metrics", "insight"]),
        ("usability", ["ui", "ux", "interface", "usability", "navigation", "intuitive", "easy to use", "hard to use",
            "user friendly", "user-friendly", "confusing", "clunky", "clicks", "layout", "learning curve", "design",
            "settings", "configure", "cumbersome"]),
        ("billing", ["billing", "invoice", "charged", "charge", "payment", "refund", "receipt", "vat", "credit card",
            "overcharged"]),
        ("documentation", ["documentation", "docs", "help center", "knowledge base", "guide", "tutorial", "help article",
            "articles", "api reference", "examples"]),
        ("features", ["feature", "functionality", "capability", "dark mode", "roadmap", "feature request", "module",
            "saml", "add-on", "missing feature"]),
    ];

    /// <summary>The default dictionary for customer feedback on B2B software.</summary>
    public static ThemeDictionary Software { get; } = new(Entries);

    // "please support X", "to support X", "does not support X": the verb, a feature request, not the support team.
    private static readonly HashSet<string> VerbBefore = new(StringComparer.Ordinal)
    {
        "please", "to", "does", "do", "not", "can", "will", "would", "should", "could", "must", "also", "we", "they", "it",
    };

    /// <summary>The themes <paramref name="text"/> mentions, in dictionary order, each once.</summary>
    public IReadOnlyList<string> Match(FeedbackText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lemmas = text.Words.Select(Lemmas.Of).ToArray();
        var found = new List<string>();
        foreach (var (theme, terms) in themes)
        {
            if (terms.Any(term => Occurs(lemmas, text.Words, term)))
                found.Add(theme);
        }
        return found;
    }

    private static bool Occurs(string[] lemmas, IReadOnlyList<string> words, string[] term)
    {
        for (var i = 0; i + term.Length <= lemmas.Length; i++)
        {
            var all = true;
            for (var j = 0; j < term.Length && all; j++)
                all = lemmas[i + j] == term[j];
            if (!all)
                continue;
            if (term is ["support"] && i > 0 && VerbBefore.Contains(words[i - 1]))
                continue;
            return true;
        }
        return false;
    }
}
