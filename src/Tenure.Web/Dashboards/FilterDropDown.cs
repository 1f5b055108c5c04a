namespace Tenure.Web.Dashboards;

/// <summary>
/// The options of a filter's drop-down after its "All": each value of the attribute, the one asked for selected. A value
/// asked for that is not among them (no account has it) is shown too, selected and marked "(no accounts)", so the
/// drop-down says what the page applied, as its chip does, and applying the form again keeps it.
/// </summary>
public static class FilterDropDown
{
    /// <summary>One option: the value sent, the text shown, whether it is selected.</summary>
    public sealed record Option(string Value, string Text, bool Selected);

    /// <summary>
    /// The options for <paramref name="choices"/> with <paramref name="asked"/> selected (none when null or blank).
    /// <paramref name="ignoreCase"/>: the page matches values case-insensitively (the accounts list), so a value asked in
    /// other letters selects the choice it matches (the one written alike first); otherwise only the same value does.
    /// </summary>
    public static IReadOnlyList<Option> Of(IReadOnlyList<string> choices, string? asked, bool ignoreCase)
    {
        ArgumentNullException.ThrowIfNull(choices);
        string? selected = null;
        if (!string.IsNullOrWhiteSpace(asked))
        {
            selected = choices.FirstOrDefault(c => c == asked)
                ?? (ignoreCase ? choices.FirstOrDefault(c => string.Equals(c, asked, StringComparison.OrdinalIgnoreCase)) : null);
        }
        var options = new List<Option>(choices.Count + 1);
        if (!string.IsNullOrWhiteSpace(asked) && selected is null)
            options.Add(new Option(asked, $"{asked} (no accounts)", true));
        foreach (var choice in choices)
            options.Add(new Option(choice, choice, choice == selected));
        return options;
    }
}
