using Baton.Core.Storage;

namespace Baton.Core.Events;

/// <summary>
/// The one way to follow the event log: a position in it, read forward with no gap and no repeat. SSE, MCP resource
/// updates and hooks read through it (by way of <see cref="EventFeed"/>'s fan-out), as do <c>baton watch</c> and
/// <c>baton task logs --follow</c>. The position moves past every event read, matching the filter or not, so waiting
/// for "something after it" does not wake at once for events the filter leaves out.
/// </summary>
public sealed class EventCursor(IEventStore store, EventFilter filter, long position, TimeProvider? time = null)
{
    private readonly TimeProvider clock = time ?? TimeProvider.System;

    /// <summary>Every event up to here has been returned or left out by the filter.</summary>
    public long Position { get; private set; } = position;

    /// <summary>
    /// The matching events after <see cref="Position"/>; when the log has not moved past it, first waits up to
    /// <paramref name="wait"/> for a change (see <see cref="WaitAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<EventRecord>> NextAsync(TimeSpan wait, CancellationToken cancellationToken = default)
    {
        await WaitAsync(wait, cancellationToken);
        return await ReadAsync(cancellationToken);
    }

    /// <summary>
    /// Returns at once if the log has moved past <see cref="Position"/>; else waits for the store's next change or
    /// <paramref name="wait"/>, then lets changes gather for <see cref="EventLogTiming.GatherDelay"/>.
    /// </summary>
    public async Task WaitAsync(TimeSpan wait, CancellationToken cancellationToken = default)
    {
        var change = store.Changes.Next();
        if (store.ReadRecent(Position, EventFilter.All, 1) is { ScannedThrough: var seen } && seen > Position)
        {
            return;
        }

        if (await store.LatestIdAsync(cancellationToken) > Position)
        {
            return;
        }

        await ChangeWaits.WaitAsync(change, wait, clock, cancellationToken);
        if (change.IsCompleted)
        {
            await Task.Delay(EventLogTiming.GatherDelay, clock, cancellationToken);
        }
    }

    /// <summary>
    /// The next page of matching events after <see cref="Position"/>, without waiting; a page of
    /// <see cref="EventLogTiming.PageSize"/> means more may follow at once.
    /// </summary>
    public async Task<IReadOnlyList<EventRecord>> ReadAsync(CancellationToken cancellationToken = default)
    {
        // What this process committed a moment ago is still in the store's memory: the daemon's live tail reads its
        // own commits without a query. Past what memory holds, the log is read.
        if (store.ReadRecent(Position, filter, EventLogTiming.PageSize) is { } recent)
        {
            Position = recent.ScannedThrough;
            return recent.Events;
        }

        // With a filter, the end is read first: everything up to it is in the page below, unless the page is full.
        // Events appended after that read may be in the page too, so the position is the later of the two. Without
        // one, the page itself says how far the log goes (the daemon's live tail reads so, at every commit).
        var end = filter.TakesEverything ? Position : await store.LatestIdAsync(cancellationToken);
        var page = await store.ReadAsync(new EventQuery(Position, filter, EventLogTiming.PageSize), cancellationToken);
        var lastRead = page.Count > 0 ? page[^1].Id : Position;
        Position = page.Count == EventLogTiming.PageSize ? lastRead : Math.Max(Math.Max(Position, end), lastRead);
        return page;
    }

    /// <summary>
    /// Moves the position past an event the caller got elsewhere (a live fan-out of this same log); never back.
    /// </summary>
    public void Skip(long id)
    {
        if (id > Position)
        {
            Position = id;
        }
    }
}
