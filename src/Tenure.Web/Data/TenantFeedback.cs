using System.Runtime.CompilerServices;

using Tenure.Predictive.Feedback;

namespace Tenure.Web.Data;

/// <summary>
/// The analysed comments of a tenant's data (<see cref="FeedbackCorpus"/>): built once per loaded data version on
/// first use and dropped with the snapshot, shared by GET /api/v1/feedback/* and the Feedback page.
/// </summary>
public static class TenantFeedback
{
    private static readonly ConditionalWeakTable<TenantSnapshot, Lazy<FeedbackCorpus>> Corpora = new();

    public static FeedbackCorpus Of(TenantSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return Corpora.GetValue(snapshot, s => new Lazy<FeedbackCorpus>(() => FeedbackCorpus.Of(s.Data), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }
}
