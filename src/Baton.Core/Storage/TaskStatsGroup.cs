namespace Baton.Core.Storage;

/// <summary>
/// How the tasks of one group that ended in a window went. Durations run from a task's first start to its end, queue
/// waits from when it was due (created, or its run_at) to its first start; both only over tasks that started, and their
/// percentiles are nearest-rank (the value at rank ceil(p·n) in ascending order). A store may round durations down to
/// three significant digits first (<see cref="Stats.DurationBuckets"/>), to answer from daily roll-ups.
/// </summary>
/// <param name="Key">The group's key (agent, workflow name, runner or day); null for tasks without one, or with no grouping.</param>
/// <param name="Runs">Tasks that ended: completed, failed, timed out or cancelled.</param>
/// <param name="Succeeded">Tasks that completed.</param>
/// <param name="Failed">Tasks that failed or timed out.</param>
/// <param name="Cancelled">Tasks that were cancelled.</param>
/// <param name="DurationP50Ms">Median duration in milliseconds; null when none started.</param>
/// <param name="DurationP95Ms">95th percentile of duration.</param>
/// <param name="QueueWaitP50Ms">Median queue wait in milliseconds.</param>
/// <param name="QueueWaitP95Ms">95th percentile of queue wait.</param>
/// <param name="Retries">Attempts beyond each task's first.</param>
/// <param name="CostUsd">Cost of their attempts, where reported or estimated.</param>
/// <param name="InputTokens">Input tokens over their attempts and models.</param>
/// <param name="OutputTokens">Output tokens.</param>
/// <param name="CacheReadTokens">Tokens read from the prompt cache.</param>
/// <param name="CacheWriteTokens">Tokens written to the prompt cache.</param>
public sealed record TaskStatsGroup(
    string? Key, int Runs, int Succeeded, int Failed, int Cancelled,
    long? DurationP50Ms, long? DurationP95Ms, long? QueueWaitP50Ms, long? QueueWaitP95Ms, long Retries,
    decimal CostUsd, long InputTokens, long OutputTokens, long CacheReadTokens, long CacheWriteTokens);
