using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Accounts;

/// <summary>
/// Which accounts a person asked for in an accounts list: attribute filters (csm, plan, segment, industry,
/// region) and a search text. The one account query of the API (GET /api/v1/accounts) and the accounts page,
/// so the two lists never disagree. Everything compares case-insensitively (ordinal, ignoring case): an
/// attribute equals its filter, the text is part of the name or of the id. The value
/// <see cref="Segmentation.NoneValue"/> ("(none)") matches an account without the attribute. Blank filters
/// ask for nothing (every account passes them).
/// </summary>
public sealed record AccountCriteria(
    string? Csm = null,
    string? Plan = null,
    string? Segment = null,
    string? Industry = null,
    string? Region = null,
    string? Text = null)
{
    public static AccountCriteria Everything { get; } = new();

    /// <summary>True when <paramref name="account"/> meets every filter given and holds the text.</summary>
    public bool Matches(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return Is(account.Csm, Csm) && Is(account.Plan, Plan) && Is(account.Segment, Segment)
            && Is(account.Industry, Industry) && Is(account.Region, Region) && Holds(account, Text);
    }

    private static bool Is(string? attribute, string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter)) return true;
        var value = string.IsNullOrWhiteSpace(attribute) ? Segmentation.NoneValue : attribute.Trim();
        return string.Equals(value, filter.Trim(), StringComparison.OrdinalIgnoreCase);
    }

    private static bool Holds(Account account, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return true;
        var t = text.Trim();
        return account.Name.Contains(t, StringComparison.OrdinalIgnoreCase) || account.AccountId.Contains(t, StringComparison.OrdinalIgnoreCase);
    }
}
