namespace Tenure.Metrics.Catalogue;

/// <summary>
/// Which way a metric moving is good news, from its meaning: more customers and less churn are better,
/// more tickets are neither (a volume). Used to colour a change, never to change a figure.
/// </summary>
public enum Better
{
    /// <summary>Not stated: no metric of the catalogue may be left so (a test checks).</summary>
    Unstated = 0,

    /// <summary>Higher is better (customers, MRR, NPS, retention, resolution rate).</summary>
    Higher,

    /// <summary>Lower is better (churn, contraction, costs, response and resolution times, backlog).</summary>
    Lower,

    /// <summary>Neither way is good or bad in itself (a volume such as tickets received).</summary>
    Neither,
}
