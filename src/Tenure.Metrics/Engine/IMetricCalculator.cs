using Tenure.Metrics.Catalogue;

namespace Tenure.Metrics.Engine;

/// <summary>Computes the metrics of one area of the catalogue for every period and segment of a context.</summary>
public interface IMetricCalculator
{
    MetricArea Area { get; }

    /// <summary>Emits into <paramref name="sink"/> the metrics of this area that the context asks for and whose inputs are present.</summary>
    void Compute(MetricContext context, MetricSink sink);
}
