namespace Tenure.Predictive.Retention;

/// <summary>
/// A cohort of customers acquired together and how many of them were still customers after each
/// renewal period: <see cref="Survivors"/>[0] is the cohort size, [t] the customers still active
/// after t periods. Counts never increase (the sBG story: a customer who leaves is gone).
/// </summary>
public sealed record CohortSurvivors
{
    public CohortSurvivors(string name, IReadOnlyList<int> survivors)
    {
        ArgumentNullException.ThrowIfNull(survivors);
        if (survivors.Count == 0 || survivors[0] <= 0)
            throw new ArgumentException($"Cohort {name}: the first count (the cohort size) must be positive.", nameof(survivors));
        for (var t = 1; t < survivors.Count; t++)
        {
            if (survivors[t] < 0 || survivors[t] > survivors[t - 1])
                throw new ArgumentException($"Cohort {name}: survivors must not increase or go negative (period {t}: {survivors[t - 1]} -> {survivors[t]}).", nameof(survivors));
        }
        Name = name;
        Survivors = survivors;
    }

    public string Name { get; }

    public IReadOnlyList<int> Survivors { get; }

    /// <summary>The cohort size (period 0).</summary>
    public int Size => Survivors[0];

    /// <summary>Periods observed after acquisition (the number of counts minus one).</summary>
    public int ObservedPeriods => Survivors.Count - 1;

    /// <summary>The cohort with only its first <paramref name="periods"/> periods (fewer if it has fewer).</summary>
    public CohortSurvivors Take(int periods) =>
        periods >= ObservedPeriods ? this : new CohortSurvivors(Name, Survivors.Take(periods + 1).ToArray());
}
