namespace Tenure.Predictive.Feedback;

/// <summary>
/// A light English lemmatizer for matching themes: it folds the inflections that feedback uses ("reports",
/// "reporting", "reported" -> "report"; "crashes", "crashing" -> "crash"; "integrations" -> "integration";
/// "companies" -> "company") and leaves other words alone. It is applied to the dictionary's terms and to the
/// comment's words alike, so a term matches whichever form the customer wrote.
/// </summary>
public static class Lemmas
{
    private static readonly Dictionary<string, string> Irregular = new(StringComparer.Ordinal)
    {
        ["broke"] = "break",
        ["broken"] = "break",
        ["paid"] = "pay",
        ["lost"] = "lose",
        ["took"] = "take",
        ["taken"] = "take",
        ["bought"] = "buy",
        ["went"] = "go",
        ["set"] = "set",
        ["setting"] = "setting",
        ["settings"] = "setting",
        ["docs"] = "doc",
        ["pricing"] = "price",
        ["priced"] = "price",
        ["prices"] = "price",
        ["billing"] = "bill",
        ["billed"] = "bill",
        ["onboarding"] = "onboard",
        ["onboarded"] = "onboard",
        ["analytics"] = "analytics",
        ["business"] = "business",
        ["status"] = "status",
        ["always"] = "always",
        ["this"] = "this",
        ["its"] = "its",
        ["was"] = "was",
        ["has"] = "has",
        ["is"] = "is",
        ["does"] = "does",
        ["slowness"] = "slow",
        ["slowly"] = "slow",
        ["slower"] = "slow",
        ["faster"] = "fast",
        ["buggy"] = "bug",
        ["glitchy"] = "glitch",
        ["laggy"] = "lag",
        ["loading"] = "load",
        ["ui"] = "ui",
        ["api"] = "api",
        ["apis"] = "api",
        ["sso"] = "sso",
        ["saas"] = "saas",
    };

    /// <summary>The lemma of one lower-case word.</summary>
    public static string Of(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (Irregular.TryGetValue(word, out var irregular))
            return irregular;
        if (word.Length <= 3)
            return word;
        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4)
            return word[..^3] + "y";
        if (word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal)
            || word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal))
            return word[..^2];
        if (word.EndsWith("ing", StringComparison.Ordinal) && word.Length > 5)
            return Restore(word[..^3]);
        if (word.EndsWith("ed", StringComparison.Ordinal) && word.Length > 4)
            return Restore(word[..^2]);
        if (word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal)
            && !word.EndsWith("is", StringComparison.Ordinal))
            return word[..^1];
        return word;
    }

    // "crash" from "crashing", "sync" from "syncing", "integrate" from "integrated", "stop" from "stopped".
    private static string Restore(string stem)
    {
        if (stem.Length >= 3 && stem[^1] == stem[^2] && stem[^1] is not ('l' or 's' or 'z'))
            return stem[..^1];
        if (stem.EndsWith("at", StringComparison.Ordinal) || stem.EndsWith("iz", StringComparison.Ordinal)
            || stem.EndsWith("bl", StringComparison.Ordinal) || stem.EndsWith("ur", StringComparison.Ordinal))
            return stem + "e";
        return stem;
    }
}
