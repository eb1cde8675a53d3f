using Baton.Core.Storage;

namespace Baton.Core.Stats;

/// <summary>
/// Adds up the figures of task groups from pieces (daily roll-ups, and single tasks at the window's edge) into
/// <see cref="TaskStatsGroup"/>s, with percentiles from their duration histograms.
/// </summary>
public sealed class TaskStatsAccumulator
{
    private readonly Dictionary<string, Sums> groups = new(StringComparer.Ordinal);

    // Dictionary keys cannot be null; the group without a key is kept under a name no key can have.
    private const string NoKey = "\0";

    /// <summary>Adds counts and usage to the group <paramref name="key"/>.</summary>
    public void AddCounts(string? key, TaskStatsGroup counts)
    {
        var sums = SumsOf(key);
        sums.Runs += counts.Runs;
        sums.Succeeded += counts.Succeeded;
        sums.Failed += counts.Failed;
        sums.Cancelled += counts.Cancelled;
        sums.Retries += counts.Retries;
        sums.Cost += counts.CostUsd;
        sums.Input += counts.InputTokens;
        sums.Output += counts.OutputTokens;
        sums.CacheRead += counts.CacheReadTokens;
        sums.CacheWrite += counts.CacheWriteTokens;
    }

    /// <summary>Adds <paramref name="n"/> durations (<paramref name="wait"/>: queue waits) of one bucket to the group.</summary>
    public void AddTime(string? key, bool wait, long bucket, long n) =>
        (wait ? SumsOf(key).Waits : SumsOf(key).Durations).Add(bucket, n);

    /// <summary>The groups, by key (the group without one first), leaving out groups whose runs were all taken out.</summary>
    public IReadOnlyList<TaskStatsGroup> Groups() =>
        [.. groups.Where(g => g.Value.Runs > 0).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Value.ToGroup(g.Key == NoKey ? null : g.Key))];

    private Sums SumsOf(string? key)
    {
        var name = key ?? NoKey;
        if (!groups.TryGetValue(name, out var sums))
        {
            sums = new Sums();
            groups[name] = sums;
        }

        return sums;
    }

    private sealed class Sums
    {
        public int Runs;
        public int Succeeded;
        public int Failed;
        public int Cancelled;
        public long Retries;
        public decimal Cost;
        public long Input;
        public long Output;
        public long CacheRead;
        public long CacheWrite;
        public readonly TimeHistogram Durations = new();
        public readonly TimeHistogram Waits = new();

        public TaskStatsGroup ToGroup(string? key) => new(
            key, Runs, Succeeded, Failed, Cancelled, Durations.Percentile(50), Durations.Percentile(95), Waits.Percentile(50), Waits.Percentile(95),
            Retries, Math.Round(Cost, 6), Input, Output, CacheRead, CacheWrite);
    }
}
