using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Baton.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Events;

/// <summary>
/// The live tail of the event log for one process: one loop reads what was appended and hands it to every
/// subscriber, so a hundred SSE clients cost one read, not a hundred. A subscriber starts from any log position: what
/// it missed comes from the store, then it switches to the live tail without a gap or a repeat. A subscriber that
/// falls behind is not allowed to grow memory: it is marked lagging and catches up from the store.
/// </summary>
public sealed partial class EventFeed(IEventStore store, ILogger<EventFeed> logger) : IAsyncDisposable
{
    private const int SubscriberBuffer = 4096;
    private readonly Lock gate = new();
    private readonly List<Subscriber> subscribers = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly TaskCompletionSource tailPositioned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? tail;

    /// <summary>How long the tail waits for a commit in this process before reading anyway (other processes' writes).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

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
        Register(subscriber);
        try
        {
            // The backlog must be read after the tail knows where it starts, or what was appended in between would be
            // in neither.
            await tailPositioned.Task.WaitAsync(cancellationToken);
            var last = afterId;
            while (true)
            {
                // From the store: the backlog at first, and again whenever the live buffer overflowed.
                subscriber.Lagging = false;
                while (true)
                {
                    var page = await store.ReadAsync(new EventQuery(last, filter, 500), cancellationToken);
                    foreach (var record in page)
                    {
                        last = record.Id;
                        yield return record;
                    }

                    if (page.Count < 500)
                    {
                        break;
                    }
                }

                // Live: anything the store already gave is skipped by id.
                while (!subscriber.Lagging && await subscriber.Channel.Reader.WaitToReadAsync(cancellationToken))
                {
                    while (!subscriber.Lagging && subscriber.Channel.Reader.TryRead(out var record))
                    {
                        if (record.Id > last)
                        {
                            last = record.Id;
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

    private void Register(Subscriber subscriber)
    {
        lock (gate)
        {
            subscribers.Add(subscriber);
            tail ??= Task.Run(() => TailAsync(stopping.Token));
        }
    }

    private async Task TailAsync(CancellationToken cancellationToken)
    {
        long position = -1;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (position < 0)
                {
                    position = await store.LatestIdAsync(cancellationToken);
                    tailPositioned.TrySetResult();
                }

                await store.WaitForAppendAsync(position, PollInterval, cancellationToken);
                IReadOnlyList<EventRecord> page;
                do
                {
                    page = await store.ReadAsync(new EventQuery(position, EventFilter.All, 1000), cancellationToken);
                    if (page.Count > 0)
                    {
                        position = page[^1].Id;
                        Publish(page);
                    }
                }
                while (page.Count == 1000);
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
                    await Task.Delay(PollInterval, cancellationToken);
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
