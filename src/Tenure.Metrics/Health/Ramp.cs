namespace Tenure.Metrics.Health;

/// <summary>
/// The linear ramp <c>lin(x; a, b)</c> of METRICS.md: 0 points at x = <see cref="From"/> (a), 100 at
/// x = <see cref="To"/> (b), straight in between and clamped to 0..100 outside; a &gt; b ramps down.
/// a = b has no slope and is rejected (health.json validation says so).
/// </summary>
public readonly record struct Ramp
{
    /// <exception cref="ArgumentException"><paramref name="from"/> equals <paramref name="to"/>.</exception>
    public Ramp(decimal from, decimal to)
    {
        if (from == to)
            throw new ArgumentException($"A ramp needs two different ends (from = to = {from}).");
        From = from;
        To = to;
    }

    /// <summary>a: the value that gives 0 points.</summary>
    public decimal From { get; }

    /// <summary>b: the value that gives 100 points.</summary>
    public decimal To { get; }

    /// <summary>100 x (x - a) / (b - a), clamped to 0..100. Exact decimal arithmetic; not rounded.</summary>
    public decimal Points(decimal x)
    {
        var points = 100m * (x - From) / (To - From);
        return Math.Clamp(points, 0m, 100m);
    }
}
