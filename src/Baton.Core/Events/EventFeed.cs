using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Baton.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Events;

/// <summary>
/// The live fan-out of the event log for one process: one <see cref="EventCursor"/> follows the log and hands what it
/// reads to every subscriber, so a hundred SSE clients cost one read, not a hundred. A subscriber starts from any log
/// position: what it missed comes from the store through a cursor of its own, then it switches to the live tail
/// without a gap or a repeat. A subscriber that falls behind is not allowed to grow memory: it is marked lagging and
/// catches up from the store.
/// </summary>
public sealed partial class EventFeed(IEventStore store, ILogger<EventFeed> logger) : IAsyncDisposable
{
    private const int SubscriberBuffer = 4096;
    private readonly Lock gate = new();
    private readonly List<Subscriber> subscribers = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly SemaphoreSlim starting = new(1, 1);
    private volatile Task? tail;

    /// <summary>How many subscribers are connected now.</summary>
    public int SubscriberCount
    {
        get
        {
            lock (gate)
            {
                return subscribers.Count;
            }
        }
    }

    /// <summary>
    /// The events after <paramref name="afterId"/> that pass <paramref name="filter"/>, first from the store and then
    /// live, until <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async IAsyncEnumerable<EventRecord> SubscribeAsync(
        long afterId,
        EventFilter filter,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var subscriber = new Subscriber(filter);
        await RegisterAsync(subscriber, cancellationToken);
        try
        {
            var cursor = new EventCursor(store, filter, afterId);
            while (true)
            {
                // From the store: the backlog at first, and again whenever the live buffer overflowed.
                subscriber.Lagging = false;
                IReadOnlyList<EventRecord> page;
                do
                {
                    page = await cursor.ReadAsync(cancellationToken);
                    foreach (var record in page)
                    {
                        yield return record;
                    }
                }
                while (page.Count == EventLogTiming.PageSize);

                // Live: anything the store already gave (the cursor's position is past it) is skipped.
                while (!subscriber.Lagging && await subscriber.Channel.Reader.WaitToReadAsync(cancellationToken))
                {
                    while (!subscriber.Lagging && subscriber.Channel.Reader.TryRead(out var record))
                    {
                        if (record.Id > cursor.Position)
                        {
                            cursor.Skip(record.Id);
                            yield return record;
                        }
                    }
                }

                while (subscriber.Channel.Reader.TryRead(out _))
                {
                    // Drop the buffer; the store has all of it.
                }
            }
        }
        finally
        {
            lock (gate)
            {
                subscribers.Remove(subscriber);
            }
        }
    }

    private async Task RegisterAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            subscribers.Add(subscriber);
            if (tail is not null)
            {
                return;
            }
        }

        // The tail's starting point is fixed before this subscriber reads its backlog: everything after it comes
        // live, everything up to it is in the store by the time the backlog is read. No gap either way.
        await starting.WaitAsync(cancellationToken);
        try
        {
            if (tail is null)
            {
                var position = await store.LatestIdAsync(cancellationToken);
                tail = Task.Run(() => TailAsync(position, stopping.Token), CancellationToken.None);
            }
        }
        finally
        {
            starting.Release();
        }
    }

    private async Task TailAsync(long position, CancellationToken cancellationToken)
    {
        var cursor = new EventCursor(store, EventFilter.All, position);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await cursor.WaitAsync(EventLogTiming.FallbackPoll, cancellationToken);
                IReadOnlyList<EventRecord> page;
                do
                {
                    page = await cursor.ReadAsync(cancellationToken);
                    if (page.Count > 0)
                    {
                        Publish(page);
                    }
                }
                while (page.Count == EventLogTiming.PageSize);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The store may be briefly unavailable (locked by another process); subscribers keep waiting.
                LogTailFailed(ex);
                try
                {
                    await Task.Delay(EventLogTiming.FallbackPoll, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    private void Publish(IReadOnlyList<EventRecord> page)
    {
        Subscriber[] current;
        lock (gate)
        {
            current = [.. subscribers];
        }

        foreach (var subscriber in current)
        {
            foreach (var record in page)
            {
                if (subscriber.Filter.Matches(record) && !subscriber.Channel.Writer.TryWrite(record))
                {
                    // The full buffer keeps its reader awake; once it sees the flag it reads the store instead.
                    subscriber.Lagging = true;
                    break;
                }
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (tail is not null)
        {
            await tail;
        }

        stopping.Dispose();
        starting.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the event log failed; trying again")]
    private partial void LogTailFailed(Exception exception);

    private sealed class Subscriber(EventFilter filter)
    {
        public EventFilter Filter { get; } = filter;

        public Channel<EventRecord> Channel { get; } = System.Threading.Channels.Channel.CreateBounded<EventRecord>(
            new BoundedChannelOptions(SubscriberBuffer) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

        private volatile bool lagging;

        /// <summary>True once the buffer overflowed: the reader must catch up from the store.</summary>
        public bool Lagging
        {
            get => lagging;
            set => lagging = value;
        }
    }
}
