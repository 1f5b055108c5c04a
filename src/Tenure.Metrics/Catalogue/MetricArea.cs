namespace Tenure.Metrics.Catalogue;

/// <summary>The sections of METRICS.md; one calculator per area.</summary>
public enum MetricArea { Customers, Revenue, Value, Surveys, Support, Usage, Growth, Work }
