namespace Tenure.Metrics.Engine;

/// <summary>
/// The account attribute results are split by. <see cref="Cohort"/> is the month of the account's
/// first paying period. Tasks split by their owner when split by <see cref="Csm"/>.
/// </summary>
public enum SegmentBy { None, Csm, Plan, Segment, Industry, Region, Cohort }
