namespace Tenure.Metrics.Periods;

/// <summary>How a time range is cut into periods. Weeks are ISO weeks (Monday to Monday).</summary>
public enum Granularity { Day, Week, Month, Quarter, Year, Range }
