namespace Baton.Bench.Measurement;

/// <summary>Summary of a series of samples (milliseconds); percentiles by the nearest-rank method.</summary>
internal sealed record Distribution(int Count, double Mean, double Min, double P50, double P90, double P99, double Max)
{
    public static Distribution Of(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0)
        {
            throw new ArgumentException("a distribution needs at least one sample", nameof(samples));
        }

        var sorted = samples.Order().ToArray();
        return new Distribution(sorted.Length, sorted.Average(), sorted[0], Rank(sorted, 50), Rank(sorted, 90), Rank(sorted, 99), sorted[^1]);
    }

    /// <summary>The smallest sample with at least <paramref name="percent"/> % of the samples at or below it.</summary>
    private static double Rank(double[] sorted, double percent)
    {
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
