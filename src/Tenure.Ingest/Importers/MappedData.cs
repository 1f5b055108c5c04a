using Tenure.Metrics.Inputs;

namespace Tenure.Ingest.Importers;

/// <summary>
/// Everything an importer mapped, per Tenure input kind, and the errors it met in the exports. A kind
/// is present in the result once a mapper declared it (an export file of it was given), even with no rows.
/// </summary>
internal sealed class MappedData
{
    private readonly MappedKind?[] kinds = new MappedKind?[InputKinds.All.Count];
    private readonly Dictionary<Type, object> shared = [];

    public MappedData(ImportOptions options)
    {
        Options = options;
        Accounts = new AccountDirectory(options.KnownAccounts);
    }

    public ImportOptions Options { get; }

    /// <summary>The errors found while mapping (the exports' own columns and values), in the order met.</summary>
    public List<InputError> Errors { get; } = [];

    /// <summary>The stored accounts and those mapped so far, to resolve an organisation or company to an account.</summary>
    public AccountDirectory Accounts { get; }

    /// <summary>
    /// What one export of this import leaves for another (Stripe's coupons for its subscriptions),
    /// created empty on first use.
    /// </summary>
    public T Shared<T>() where T : class, new()
    {
        if (!shared.TryGetValue(typeof(T), out var value))
            shared[typeof(T)] = value = new T();
        return (T)value;
    }

    /// <summary>The records of <paramref name="kind"/>, declared present.</summary>
    public MappedKind Of(KindDescription kind)
    {
        int slot = InputKinds.IndexOf(kind.Kind);
        return kinds[slot] ??= new MappedKind(kind);
    }

    /// <summary>
    /// Checks the mapped records with Tenure's readers (accounts first, then every other kind against
    /// them and the stored accounts) and returns the data set, or every error and no data (all or nothing).
    /// </summary>
    public ReadResult Read()
    {
        if (Errors.Count > 0)
            return new ReadResult(null, Errors);

        var errors = new List<InputError>();
        var data = new TenureDataSet();
        var present = InputKind.None;
        var known = Options.KnownAccountIndex;
        AccountIndex? accounts = known;
        int accountsSlot = InputKinds.IndexOf(InputKind.Accounts);
        if (kinds[accountsSlot] is { } mappedAccounts)
        {
            var read = mappedAccounts.Read(null, Options.ReadOptions);
            errors.AddRange(read.Errors);
            if (read.Data is { } part)
            {
                var imported = AccountIndex.Of(part.Accounts).From("the imported accounts");
                accounts = known is null ? imported : imported.Union(known);
                data = InputKinds.Accounts.CopyRows(data, part);
                present |= InputKind.Accounts;
            }
        }
        accounts ??= AccountIndex.OfIds([]).From("the stored accounts");

        for (int slot = 0; slot < kinds.Length; slot++)
        {
            if (slot == accountsSlot || kinds[slot] is not { } mapped)
                continue;
            var read = mapped.Read(accounts, Options.ReadOptions);
            errors.AddRange(read.Errors);
            if (read.Data is { } part)
            {
                data = mapped.Kind.CopyRows(data, part);
                present |= mapped.Kind.Kind;
            }
        }
        return errors.Count > 0 ? new ReadResult(null, errors) : new ReadResult(data with { Present = present }, []);
    }
}
