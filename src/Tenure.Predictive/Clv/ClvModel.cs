namespace Tenure.Predictive.Clv;

/// <summary>One customer's predicted value: the <c>clv-predicted</c> metric of METRICS.md.</summary>
/// <param name="Customer">The calibration summary the prediction is for.</param>
/// <param name="ExpectedPurchases">Purchases expected over the horizon (BG/NBD).</param>
/// <param name="ProbabilityAlive">P(alive) at the calibration end (BG/NBD).</param>
/// <param name="ExpectedAverageSpend">Expected amount per future purchase (Gamma-Gamma); null when undefined.</param>
/// <param name="Clv">Discounted value of the horizon's expected purchases; null when the spend is undefined.</param>
public readonly record struct ClvPrediction(
    CustomerSummary Customer,
    double ExpectedPurchases,
    double ProbabilityAlive,
    double? ExpectedAverageSpend,
    double? Clv);

/// <summary>
/// BG/NBD for how many purchases, Gamma-Gamma for how much each: fitted together on one calibration
/// period, then used to value each customer over a horizon.
/// </summary>
public sealed record ClvModel(BgNbdModel Purchases, double PurchasesLogLikelihood, GammaGammaModel Spend, double SpendLogLikelihood, int Customers, int RepeatCustomers)
{
    /// <summary>Weeks per year used to turn the annual discount rate into a weekly one.</summary>
    public const double WeeksPerYear = 52.0;

    /// <summary>Fits both models on the calibration summaries.</summary>
    /// <exception cref="ArgumentException">No customers, or none with repeat purchases.</exception>
    public static ClvModel Fit(IReadOnlyList<CustomerSummary> customers)
    {
        var (purchases, purchasesLl) = BgNbdModel.Fit(customers);
        var (spend, spendLl, repeat) = GammaGammaModel.Fit(customers);
        return new ClvModel(purchases, purchasesLl, spend, spendLl, customers.Count, repeat);
    }

    /// <summary>
    /// Values a customer over <paramref name="horizonWeeks"/> weeks after the calibration end:
    /// CLV = sum over weeks k = 1..H of (E[Y(k)] - E[Y(k-1)]) x E[spend] / (1 + d)^(k / 52),
    /// where d is the annual <paramref name="annualDiscountRate"/> (0.1 = 10 % a year) and E[Y(k)]
    /// the BG/NBD expected purchases in the first k weeks. A fractional last week is counted as a
    /// step of its own length. With d = 0 this is E[Y(H)] x E[spend].
    /// </summary>
    public ClvPrediction Predict(CustomerSummary customer, double horizonWeeks, double annualDiscountRate = 0)
    {
        if (!(horizonWeeks >= 0))
            throw new ArgumentOutOfRangeException(nameof(horizonWeeks), horizonWeeks, "The horizon must be zero or more weeks.");
        if (!(annualDiscountRate > -1))
            throw new ArgumentOutOfRangeException(nameof(annualDiscountRate), annualDiscountRate, "The discount rate must be above -1.");
        var expected = Purchases.ExpectedPurchases(customer, horizonWeeks);
        var spend = Spend.ExpectedAverageSpend(customer);
        double? clv = null;
        if (spend is { } s)
        {
            if (annualDiscountRate == 0)
            {
                clv = expected * s;
            }
            else
            {
                double discounted = 0, previous = 0;
                var steps = (int)Math.Ceiling(horizonWeeks);
                for (var k = 1; k <= steps; k++)
                {
                    var t = Math.Min(k, horizonWeeks);
                    var cumulative = Purchases.ExpectedPurchases(customer, t);
                    discounted += (cumulative - previous) / Math.Pow(1 + annualDiscountRate, t / WeeksPerYear);
                    previous = cumulative;
                }
                clv = discounted * s;
            }
        }
        return new ClvPrediction(customer, expected, Purchases.ProbabilityAlive(customer), spend, clv);
    }
}
