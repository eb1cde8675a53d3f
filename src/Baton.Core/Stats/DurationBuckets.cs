namespace Baton.Core.Stats;

/// <summary>
/// Durations in milliseconds rounded down to three significant digits (1,234 ms → 1,230 ms; under a second exact):
/// within 1 % of the true value, and a month of tasks fits a few thousand buckets, so a store can keep them as a
/// histogram per day and answer percentiles without reading every task. A store that rolls durations up in SQL must
/// round them the same way.
/// </summary>
public static class DurationBuckets
{
    /// <summary>The bucket of <paramref name="milliseconds"/>: its lower bound.</summary>
    public static long Of(long milliseconds)
    {
        if (milliseconds < 1000)
        {
            return Math.Max(milliseconds, 0);
        }

        long step = 1;
        for (var limit = 1000L; milliseconds >= limit && step < 10_000_000; limit *= 10)
        {
            step = limit / 100;
        }

        return milliseconds / step * step;
    }
}
