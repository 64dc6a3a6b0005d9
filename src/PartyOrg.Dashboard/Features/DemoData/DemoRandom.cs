namespace PartyOrg.Dashboard.Features.DemoData;

/// <summary>
/// Draws from a seeded <see cref="Random"/> (its seeded algorithm is fixed across .NET versions), so
/// the demo data are the same on every machine.
/// </summary>
internal static class DemoRandom
{
    /// <summary>The seed of the whole data set; each generator offsets it so that one does not shift another.</summary>
    public const int Seed = 20210101;

    public static Random For(int stream) => new(Seed + stream);

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    public static int Between(this Random random, int min, int maxInclusive) => random.Next(min, maxInclusive + 1);

    /// <summary>A bell-shaped draw with mean 0 and roughly the given standard deviation.</summary>
    public static double Noise(this Random random, double deviation) =>
        (random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5) * 2 * deviation;

    public static int Binomial(this Random random, int trials, double probability)
    {
        var successes = 0;
        for (var i = 0; i < trials; i++)
        {
            if (random.NextDouble() < probability)
            {
                successes++;
            }
        }

        return successes;
    }

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public static double Clamp01(double value) => Math.Clamp(value, 0, 1);
}
