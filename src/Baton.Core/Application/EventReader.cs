using Baton.Core.Events;
using Baton.Core.Storage;

namespace Baton.Core.Application;

/// <summary>
/// The event log as front ends read it: where it ends now, and everything after a position, first from the store and
/// then live, with no gap and no repeat. Front ends read events through this, not from the store.
/// </summary>
public sealed class EventReader(IEventStore store, EventFeed feed)
{
    /// <summary>The position of the newest event (0 for an empty log): a reader that starts there sees only what comes next.</summary>
    public Task<long> LatestPositionAsync(CancellationToken cancellationToken = default) => store.LatestIdAsync(cancellationToken);

    /// <summary>The events after <paramref name="after"/> that pass <paramref name="filter"/>, until <paramref name="cancellationToken"/> is cancelled.</summary>
    public IAsyncEnumerable<EventRecord> FollowAsync(long after, EventFilter filter, CancellationToken cancellationToken = default) =>
        feed.SubscribeAsync(after, filter, cancellationToken);
}
