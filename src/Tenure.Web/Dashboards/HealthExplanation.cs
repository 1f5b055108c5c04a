using System.Globalization;

using Tenure.Metrics.Health;

namespace Tenure.Web.Dashboards;

/// <summary>
/// One factor of an account's health in plain language: what it measured (<see cref="Measured"/>, or why it is missing),
/// its points and weight as the engine gives them, and the share of the score it carries (<see cref="Share"/>: its
/// weight over the weights of the present factors; null when it does not count).
/// </summary>
public sealed record FactorExplanation(FactorScore Score, string Name, string Measured, string Rule, decimal? Share);

/// <summary>The account page's health panel: the score, the band, how it was combined and every factor explained.</summary>
public sealed record HealthExplanationModel(AccountHealth Health, DateTime At, HealthAggregation Aggregation, IReadOnlyList<FactorExplanation> Factors, string Summary);

/// <summary>
/// Puts an account's <see cref="AccountHealth"/> into words for the account page, from the same figures
/// <c>GET /api/v1/health</c> returns (value, points, weight, missing); nothing is recomputed here.
/// </summary>
public static class HealthExplanation
{
    public static HealthExplanationModel Explain(AccountHealth health, HealthModel model, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(model);
        var counted = health.Factors.Where(f => !f.Missing && f.Weight > 0m).Sum(f => f.Weight);
        var factors = health.Factors.Select(f => new FactorExplanation(
            f,
            Name(f.Factor),
            Measured(f, model, at),
            Rule(f.Factor, model),
            model.Aggregation == HealthAggregation.WeightedMean && !f.Missing && f.Weight > 0m && counted > 0m ? f.Weight / counted : null)).ToList();
        var missing = health.Factors.Where(f => f.Missing && f.Weight > 0m).Select(f => Name(f.Factor)).ToList();
        var how = model.Aggregation == HealthAggregation.WorstFactor
            ? "The score is the lowest points of the factors that have data (worst-factor)."
            : "The score is the weighted mean of the points of the factors that have data: sum(points × weight) / sum(weight).";
        if (missing.Count > 0)
            how += $" {string.Join(", ", missing)} {(missing.Count == 1 ? "has" : "have")} no data, so {(missing.Count == 1 ? "it is" : "they are")} left out and the other weights count for more (it never scores 0).";
        if (health.Score is null)
            how = "No factor with a weight has data, so there is no score.";
        return new HealthExplanationModel(health, at, model.Aggregation, factors, how);
    }

    /// <summary>The factor's name for people.</summary>
    public static string Name(HealthFactor factor) => factor switch
    {
        HealthFactor.Usage => "Product usage",
        HealthFactor.Sentiment => "Sentiment (NPS)",
        HealthFactor.Support => "Support trouble",
        HealthFactor.RevenueTrend => "Revenue trend",
        HealthFactor.Engagement => "CSM engagement",
        HealthFactor.Renewal => "Renewal",
        _ => factor.Id(),
    };

    /// <summary>What the factor measured, or why it is missing, in a sentence.</summary>
    public static string Measured(FactorScore f, HealthModel model, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(model);
        var window = f.Factor is HealthFactor.Usage or HealthFactor.Sentiment or HealthFactor.Support or HealthFactor.RevenueTrend
            ? model[f.Factor].WindowDays ?? 0
            : 0;
        if (f.Missing)
        {
            return f.Factor switch
            {
                HealthFactor.Usage => "Missing: the account has no users today (users.csv), so there is no share of active users.",
                HealthFactor.Sentiment => $"Missing: no NPS answer in the last {window} days.",
                HealthFactor.Support => "Missing: no tickets were imported for this workspace (tickets.csv), so support is not judged.",
                HealthFactor.RevenueTrend => $"Missing: the account paid nothing {window} days ago, so there is no trend to compare with (a new or returning customer).",
                HealthFactor.Engagement => "Missing: no completed CSM task and no note for this account before today.",
                _ => "Missing: no data.",
            };
        }
        var v = f.Value;
        return f.Factor switch
        {
            HealthFactor.Usage => $"{Percent(v!.Value)} of the account's users used the product in the last {window} days.",
            HealthFactor.Sentiment => $"NPS {Number(v!.Value)} from the latest answer of each person in the last {window} days.",
            HealthFactor.Support => v == 0m
                ? $"No trouble: no escalated or major ticket in the last {window} days and none open for over {model.SupportStaleOpenDays} days."
                : $"{Number(v!.Value)} trouble {(v == 1m ? "ticket" : "tickets")}: escalated or major tickets in the last {window} days, plus tickets open for over {model.SupportStaleOpenDays} days.",
            HealthFactor.RevenueTrend => v == 0m
                ? $"MRR unchanged against {window} days ago."
                : $"MRR {(v > 0m ? "up" : "down")} {Percent(Math.Abs(v!.Value))} against {window} days ago.",
            HealthFactor.Engagement => $"Last touch (a completed task or a note) {Days(v!.Value)} ago, on {DashboardQuery.Date(at.AddTicks(-(long)Math.Round(v.Value * TimeSpan.TicksPerDay)))}.",
            HealthFactor.Renewal => v is { } days
                ? $"Paid coverage ends in {Days(days)}, on {DashboardQuery.Date(at.AddTicks((long)Math.Round(days * TimeSpan.TicksPerDay)))}."
                : "Paid coverage runs on with no end ahead (an open subscription).",
            _ => v is { } x ? Number(x) : "",
        };
    }

    /// <summary>How the factor's value becomes points (the ramp as configured).</summary>
    public static string Rule(HealthFactor factor, HealthModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (factor is not (HealthFactor.Usage or HealthFactor.Sentiment or HealthFactor.Support or HealthFactor.RevenueTrend or HealthFactor.Engagement or HealthFactor.Renewal))
            return "";
        var ramp = model[factor].Ramp;
        string At(decimal x) => factor switch
        {
            HealthFactor.Usage or HealthFactor.RevenueTrend => Percent(x),
            HealthFactor.Sentiment => "NPS " + Number(x),
            HealthFactor.Support => Number(x) + " trouble",
            _ => Days(x),
        };
        var rule = $"0 points at {At(ramp.From)}, 100 at {At(ramp.To)}, straight line between";
        return factor == HealthFactor.Renewal ? rule + "; open coverage: 100" : rule;
    }

    private static string Percent(decimal fraction) => (fraction * 100m).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private static string Number(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Days(decimal days)
    {
        var whole = Math.Round(days, 0, MidpointRounding.AwayFromZero);
        return whole == 1m ? "1 day" : whole.ToString("0", CultureInfo.InvariantCulture) + " days";
    }
}
