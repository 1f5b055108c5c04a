using Tenure.Metrics.Drilldown;
using Tenure.Metrics.Inputs;

namespace Tenure.Web.Dashboards;

/// <summary>
/// The accounts a signed-in person may see on the pages: every account, or one CSM's book (the accounts
/// whose csm is exactly <see cref="Book"/>, the same accounts as the dashboards' segment csm=&lt;name&gt;).
/// With the workspace setting "CSMs see only their own book" on (the default), a user with role csm is
/// held to their book; admins, managers and viewers see every account (a viewer has no book: `tenure user
/// create` keeps --csm for role csm only). API keys are tenant-wide and never scoped.
/// </summary>
public sealed record AccountScope(string? Book)
{
    public static AccountScope Everything { get; } = new((string?)null);

    public bool IsBook => Book is not null;

    /// <summary>The scope of <paramref name="user"/> with the setting <paramref name="csmOwnBook"/>.</summary>
    public static AccountScope For(ICurrentUser user, bool csmOwnBook)
    {
        ArgumentNullException.ThrowIfNull(user);
        return csmOwnBook && user.Csm is { } csm ? new AccountScope(csm) : Everything;
    }

    /// <summary>Whether the account is in scope (a null account, an id without accounts.csv row, is in no book).</summary>
    public bool Sees(Account? account) => Book is null || account is not null && string.Equals(account.Csm, Book, StringComparison.Ordinal);

    /// <summary>The segment <paramref name="filter"/> held to the book: its csm part replaced by the book's CSM.</summary>
    public SegmentFilter Narrow(SegmentFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return Book is null ? filter : filter with { Csm = Book };
    }
}
