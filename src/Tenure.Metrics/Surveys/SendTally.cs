using System.Numerics;

namespace Tenure.Metrics.Surveys;

/// <summary>The surveys Tenure sent to a set of accounts over one period, and how many of them were answered. Mergeable.</summary>
public readonly record struct SendTally(int Sent, int Answered) : IAdditionOperators<SendTally, SendTally, SendTally>
{
    /// <summary>The tally of one send, answered or not.</summary>
    public static SendTally Of(bool answered) => new(1, answered ? 1 : 0);

    public static SendTally operator +(SendTally x, SendTally y) => new(checked(x.Sent + y.Sent), checked(x.Answered + y.Answered));
}
