namespace Tenure.Predictive.Clv;

/// <summary>
/// A customer's calibration-period purchase history in the form BG/NBD and Gamma-Gamma take
/// (Fader, Hardie &amp; Lee 2005). Times are in weeks from the customer's first purchase.
/// </summary>
/// <param name="Customer">The customer id.</param>
/// <param name="Frequency">x: repeat purchases (purchase days after the first one) up to the calibration end.</param>
/// <param name="Recency">t_x: weeks from the first purchase to the last one in calibration (0 when x = 0).</param>
/// <param name="Age">T: weeks from the first purchase to the calibration end.</param>
/// <param name="MeanRepeatSpend">zbar: mean amount of the x repeat purchase days; 0 when x = 0.</param>
public readonly record struct CustomerSummary(string Customer, int Frequency, double Recency, double Age, double MeanRepeatSpend);
