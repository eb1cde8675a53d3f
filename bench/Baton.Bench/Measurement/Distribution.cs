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

    /// <summary>The nearest-rank percentile of <paramref name="samples"/>, e.g. 95 for p95.</summary>
    public static double Percentile(IReadOnlyCollection<double> samples, double percent) =>
        samples.Count == 0
            ? throw new ArgumentException("a percentile needs at least one sample", nameof(samples))
            : Rank([.. samples.Order()], percent);

    /// <summary>The middle value, or the mean of the two middle values of an even count (for medians of rounds).</summary>
    public static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The smallest sample with at least <paramref name="percent"/> % of the samples at or below it.</summary>
    private static double Rank(double[] sorted, double percent)
    {
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
