using System.Runtime.CompilerServices;

using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Subscriptions;

/// <summary>The normalised monthly recurring revenue of one subscription period (METRICS.md "Normalised MRR").</summary>
public static class NormalisedMrr
{
    /// <summary>Days in an average month, 365 / 12.</summary>
    public const decimal DaysPerMonth = 365m / 12m;

    /// <summary>The one rounding inside a computation: each period's MRR is rounded once to 9 decimals.</summary>
    public const int Decimals = 9;

    /// <summary>amount x quantity - discount: what one interval (or, for a term, the whole period) charges.</summary>
    public static decimal Charge(SubscriptionPeriod period) =>
        checked(period.Amount * period.Quantity - period.Discount);

    /// <summary>A paying period charges more than zero (amount x quantity - discount > 0).</summary>
    public static bool IsPaying(SubscriptionPeriod period)
    {
        try
        {
            return Charge(period) > 0m;
        }
        catch (OverflowException e)
        {
            throw new Engine.DataOverflowException(null, $"subscription {period.SubscriptionId} of account {period.AccountId} (starting {period.Start:yyyy-MM-dd})", e);
        }
    }

    /// <summary>
    /// The charge converted to a month: day x 365/12, week x 52/12, month x 1, quarter / 3, year / 12;
    /// a term spreads its charge over its length in months (days / (365/12)). Rounded to 9 decimals.
    /// Returns 0 for a period that is not paying.
    /// </summary>
    /// <exception cref="ArgumentException">A term period without an end (the readers reject it as bad input).</exception>
    /// <exception cref="Engine.DataOverflowException">The period's figures are too large for decimal (only data written around the readers' limits).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static decimal Of(SubscriptionPeriod period)
    {
        try
        {
            return Normalise(period);
        }
        catch (OverflowException e)
        {
            throw new Engine.DataOverflowException(null, $"subscription {period.SubscriptionId} of account {period.AccountId} (starting {period.Start:yyyy-MM-dd})", e);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static decimal Normalise(SubscriptionPeriod period)
    {
        var charge = Charge(period);
        if (charge <= 0m)
            return 0m;
        var monthly = period.Interval switch
        {
            BillingInterval.Day => charge * DaysPerMonth,
            BillingInterval.Week => charge * 52m / 12m,
            BillingInterval.Month => charge,
            BillingInterval.Quarter => charge / 3m,
            BillingInterval.Year => charge / 12m,
            BillingInterval.Term => charge / TermMonths(period),
            _ => throw new ArgumentOutOfRangeException(nameof(period), period.Interval, "Unknown billing interval."),
        };
        return Math.Round(monthly, Decimals, MidpointRounding.ToEven);
    }

    private static decimal TermMonths(SubscriptionPeriod period)
    {
        if (period.End is not { } end)
            throw new ArgumentException($"Subscription {period.SubscriptionId}: a term period needs an end date.", nameof(period));
        return (decimal)(end - period.Start).TotalDays / DaysPerMonth;
    }
}
