namespace Tenure.Demo.Simulation;

/// <summary>
/// The distributions the simulation draws from, over <see cref="System.Random"/> seeded explicitly
/// (its seeded algorithm is stable across .NET versions, so a seed gives the same data everywhere).
/// </summary>
internal static class DemoRandom
{
    /// <summary>A seed for one stream (an account, the incident plan) derived from the data set's seed (SplitMix64).</summary>
    public static int StreamSeed(int seed, int stream)
    {
        var z = ((ulong)(uint)seed << 32) | (uint)stream;
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFF_FFFF);
    }

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    /// <summary>A uniform integer in [min, max] (both inclusive).</summary>
    public static int Between(this Random random, int min, int max) => random.Next(min, max + 1);

    public static double Uniform(this Random random, double min, double max) => min + (random.NextDouble() * (max - min));

    /// <summary>A standard normal draw scaled to mean and standard deviation (Box-Muller).</summary>
    public static double Normal(this Random random, double mean, double deviation)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + (deviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    /// <summary>A log-normal draw with the given median and log-space spread.</summary>
    public static double LogNormal(this Random random, double median, double sigma) =>
        median * Math.Exp(random.Normal(0, sigma));

    /// <summary>A Poisson count (Knuth's method; the rates here are small).</summary>
    public static int Poisson(this Random random, double rate)
    {
        if (rate <= 0)
            return 0;
        var limit = Math.Exp(-rate);
        var product = random.NextDouble();
        var count = 0;
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }
        return count;
    }

    /// <summary>The number of failures before the first success of a Bernoulli(p) sequence.</summary>
    public static int Geometric(this Random random, double probability)
    {
        if (probability >= 1)
            return 0;
        var u = 1.0 - random.NextDouble();
        var draws = Math.Log(u) / Math.Log(1.0 - probability);
        return draws >= int.MaxValue ? int.MaxValue : (int)draws;
    }

    public static T Pick<T>(this Random random, T[] items) => items[random.Next(items.Length)];

    /// <summary>An index drawn with the given weights (they need not sum to 1).</summary>
    public static int PickWeighted(this Random random, ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights)
            total += w;
        var x = random.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0)
                return i;
        }
        return weights.Length - 1;
    }

    public static double Clamp(double value, double min, double max) => value < min ? min : value > max ? max : value;
}
