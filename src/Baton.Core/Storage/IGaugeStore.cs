namespace Baton.Core.Storage;

/// <summary>
/// What an operator's gauges show of the whole cluster, read at scrape time: so every node reports the same state,
/// and a scrape costs a few index reads however many ended tasks the store holds (ended tasks are counted as they
/// end, by the node that ran them, not here).
/// </summary>
public interface IGaugeStore
{
    /// <summary>
    /// Tasks that have not ended (pending, retrying, running, input_required, paused), counted by status, agent,
    /// runner, priority and whether they wait on dependencies; open interactions by kind with the oldest's age; and
    /// webhook deliveries waiting to go out. A few queries over partial indexes, in one read.
    /// </summary>
    Task<StoreGauges> ReadGaugesAsync(CancellationToken cancellationToken = default);
}
