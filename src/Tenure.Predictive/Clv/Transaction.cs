namespace Tenure.Predictive.Clv;

/// <summary>One purchase from a transaction log: who, on which day, for how much (zero or more).</summary>
public readonly record struct Transaction(string Customer, DateOnly Date, double Amount);
