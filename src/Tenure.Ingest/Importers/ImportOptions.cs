using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Importers;

/// <summary>What an import from another system's exports knows beside the files.</summary>
public sealed record ImportOptions
{
    /// <summary>
    /// The accounts already stored for the tenant: records of the exports may name them (by id, or
    /// for organisations and companies by name), and HubSpot companies of the same name update them.
    /// </summary>
    public IReadOnlyList<Account> KnownAccounts { get; init; } = [];

    /// <summary>How the readers behave on bad input (the most errors per file).</summary>
    public ReadOptions ReadOptions { get; init; } = ReadOptions.Default;

    internal AccountIndex? KnownAccountIndex =>
        KnownAccounts.Count == 0 ? null : AccountIndex.Of(KnownAccounts).From("the stored accounts");
}
