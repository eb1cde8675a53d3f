namespace Baton.Core.Stats;

/// <summary>Counts of durations by bucket (<see cref="DurationBuckets"/>), merged over days and read as percentiles.</summary>
public sealed class TimeHistogram
{
    private readonly SortedDictionary<long, long> counts = [];

    /// <summary>How many durations it holds.</summary>
    public long Count { get; private set; }

    /// <summary>Adds <paramref name="n"/> durations of bucket <paramref name="bucket"/> (a negative n takes them out).</summary>
    public void Add(long bucket, long n)
    {
        counts[bucket] = counts.GetValueOrDefault(bucket) + n;
        Count += n;
    }

    /// <summary>
    /// The nearest-rank percentile: the bucket holding the value at rank ceil(p·n) in ascending order; null when empty.
    /// </summary>
    /// <param name="percent">The percentile, 1 to 100.</param>
    public long? Percentile(int percent)
    {
        if (Count <= 0)
        {
            return null;
        }

        var rank = (Count * percent + 99) / 100;
        long seen = 0;
        foreach (var (bucket, n) in counts)
        {
            seen += n;
            if (seen >= rank)
            {
                return bucket;
            }
        }

        return counts.Keys.Last();
    }
}
