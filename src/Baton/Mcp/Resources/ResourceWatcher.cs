using System.Collections.Concurrent;
using Baton.Core.Events;
using Microsoft.Extensions.Logging;

namespace Baton.Mcp.Resources;

/// <summary>
/// Tells subscribers when a task or workflow they watch changes: each watch follows the event log through the
/// process's one <see cref="EventFeed"/> (events of task X update <c>baton://tasks/X</c>; events that carry workflow Y
/// update <c>baton://workflows/Y</c>). Nothing is read while nobody watches.
/// </summary>
internal sealed partial class ResourceWatcher(McpBackend backend, ILogger logger) : IAsyncDisposable
{
    private static readonly TimeSpan NotifyTimeout = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<ResourceWatch, byte> watches = new();
    private readonly CancellationTokenSource stopping = new();

    /// <summary>
    /// Starts watching the resource (throws if it does not exist); <paramref name="changed"/> is called after each change
    /// until the returned handle is disposed.
    /// </summary>
    public async Task<IAsyncDisposable> WatchAsync(ResourceKind kind, string idOrPrefix, Func<CancellationToken, Task> changed, CancellationToken cancellationToken = default)
    {
        var services = await backend.Services.WaitAsync(cancellationToken);
        // Resolving (or reading) proves the resource exists; the position taken first means no later change is missed.
        var from = await services.EventStore.LatestIdAsync(cancellationToken);
        EventFilter filter;
        string id;
        if (kind == ResourceKind.Task)
        {
            id = (await services.Tasks.GetAsync(idOrPrefix, cancellationToken)).Task.Id;
            filter = new EventFilter(TaskId: id);
        }
        else
        {
            id = (await services.Workflows.GetAsync(idOrPrefix, cancellationToken)).Contents.Workflow.Id;
            filter = new EventFilter(WorkflowId: id);
        }

        var watch = new ResourceWatch(id, stopping.Token);
        watches.TryAdd(watch, 0);
        watch.Start(token => FollowAsync(services.Events, from, filter, watch, changed, token));
        return watch;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        foreach (var watch in watches.Keys)
        {
            await watch.DisposeAsync();
        }

        stopping.Dispose();
    }

    /// <summary>
    /// One subscriber's loop: an update per event, except that events which arrive while an update is being sent
    /// are told in one. A subscriber that fails or hangs (its client went away) is dropped.
    /// </summary>
    private async Task FollowAsync(
        EventFeed feed, long from, EventFilter filter, ResourceWatch watch, Func<CancellationToken, Task> changed, CancellationToken cancellationToken)
    {
        var events = feed.SubscribeAsync(from, filter, cancellationToken).GetAsyncEnumerator(cancellationToken);
        Task<bool>? waiting = null;
        try
        {
            var more = await events.MoveNextAsync();
            while (more)
            {
                // What is already here is told in one update; the first event not yet here is waited for after it.
                waiting = null;
                while (true)
                {
                    var next = events.MoveNextAsync();
                    if (!next.IsCompleted)
                    {
                        waiting = next.AsTask();
                        break;
                    }

                    if (!next.Result)
                    {
                        break;
                    }
                }

                using (var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    bounded.CancelAfter(NotifyTimeout);
                    await changed(bounded.Token);
                }

                if (waiting is null)
                {
                    return;
                }

                more = await waiting;
                waiting = null;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Unsubscribed, or the server is stopping.
        }
        catch (Exception ex)
        {
            LogNotifyFailed(logger, ex, watch.Id);
        }
        finally
        {
            if (waiting is not null)
            {
                // The subscription must finish before it can be disposed; it ends with the same token.
                await waiting.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            await events.DisposeAsync();
            watches.TryRemove(watch, out _);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not tell a subscriber that {Id} changed; dropped its subscription")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception, string id);
}
