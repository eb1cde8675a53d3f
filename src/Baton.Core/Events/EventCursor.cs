using Baton.Core.Storage;

namespace Baton.Core.Events;

/// <summary>
/// A reader's position in the event log, for readers that poll the store directly (the CLI's live views, which need
/// no daemon). The position moves past every event read, matching or not, so that waiting for "something after it"
/// does not wake at once for events the filter leaves out.
/// </summary>
public sealed class EventCursor(IEventStore store, EventFilter filter, long position)
{
    private const int Page = 500;

    /// <summary>Every event up to here has been returned or left out by the filter.</summary>
    public long Position { get; private set; } = position;

    /// <summary>
    /// The matching events after <see cref="Position"/>; when there are none yet, first waits up to
    /// <paramref name="wait"/> for an append (other processes' appends are seen when the wait ends).
    /// </summary>
    public async Task<IReadOnlyList<EventRecord>> NextAsync(TimeSpan wait, CancellationToken cancellationToken = default)
    {
        await store.WaitForAppendAsync(Position, wait, cancellationToken);
        // The end is read first: everything up to it is in the page below, unless the page is full. Events appended
        // after that read may be in the page too, so the position is the later of the two.
        var end = await store.LatestIdAsync(cancellationToken);
        var page = await store.ReadAsync(new EventQuery(Position, filter, Page), cancellationToken);
        var lastRead = page.Count > 0 ? page[^1].Id : Position;
        Position = page.Count == Page ? lastRead : Math.Max(Math.Max(Position, end), lastRead);
        return page;
    }
}
