using System.Collections.Concurrent;
using System.Globalization;
using Baton.Core.Errors;
using Microsoft.Extensions.Logging;

namespace Baton.Mcp.Resources;

/// <summary>
/// Tells subscribers when a task or workflow they watch changes state. For now it reads each watched resource's state
/// from the store every 250 ms and compares it with what it saw last (an event log replaces this later); it is the
/// only place that polls, and it reads nothing while nobody watches.
/// </summary>
internal sealed partial class ResourceWatcher : IAsyncDisposable
{
    /// <summary>How often watched resources are read.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan NotifyTimeout = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<Watch, byte> watches = new();
    private readonly McpBackend backend;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;

    public ResourceWatcher(McpBackend backend, ILogger logger)
    {
        this.backend = backend;
        this.logger = logger;
        loop = RunAsync(stopping.Token);
    }

    /// <summary>
    /// Starts watching the resource (throws if it does not exist); <paramref name="changed"/> is called after each change
    /// of state until the returned handle is disposed.
    /// </summary>
    public async Task<IAsyncDisposable> WatchAsync(ResourceKind kind, string idOrPrefix, Func<CancellationToken, Task> changed, CancellationToken cancellationToken = default)
    {
        var services = await backend.Services.WaitAsync(cancellationToken);
        var id = kind == ResourceKind.Task
            ? await services.Tasks.ResolveIdAsync(idOrPrefix, cancellationToken)
            : await services.Workflows.ResolveIdAsync(idOrPrefix, cancellationToken);
        var state = await StateAsync(services, kind, id, cancellationToken) ?? throw BatonException.NotFound($"no {kind.ToString().ToLowerInvariant()} with id '{idOrPrefix}'");
        var watch = new Watch(this, kind, id, changed) { LastState = state };
        watches.TryAdd(watch, 0);
        return watch;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Interval, backend.Time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            foreach (var group in watches.Keys.GroupBy(w => (w.Kind, w.Id)))
            {
                string? state;
                try
                {
                    state = await StateAsync(await backend.Services, group.Key.Kind, group.Key.Id, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogReadFailed(logger, ex, group.Key.Id);
                    continue;
                }

                // A subscriber still busy with the last update keeps its old state, so the change is seen again next time.
                foreach (var watch in group.Where(w => w.LastState != state && w.TryBeginSending()))
                {
                    watch.LastState = state;
                    _ = NotifyAsync(watch, cancellationToken);
                }
            }
        }
    }

    /// <summary>Calls a subscriber without holding up the others; one that fails or hangs (its client went away) is dropped.</summary>
    private async Task NotifyAsync(Watch watch, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(NotifyTimeout);
        try
        {
            await watch.Changed(bounded.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogNotifyFailed(logger, ex, watch.Id);
            watches.TryRemove(watch, out _);
        }
        finally
        {
            watch.EndSending();
        }
    }

    /// <summary>What counts as the resource's state: statuses and when they changed; null if it does not exist.</summary>
    private static async Task<string?> StateAsync(McpServices services, ResourceKind kind, string id, CancellationToken cancellationToken)
    {
        if (kind == ResourceKind.Task)
        {
            var task = await services.TaskStore.GetTaskAsync(id, cancellationToken);
            return task is null ? null : string.Create(CultureInfo.InvariantCulture, $"{task.Status}|{task.UpdatedAt.UtcTicks}|{task.AttemptCount}|{task.CancelRequested}|{task.Blocked}");
        }

        var snapshot = await services.WorkflowStore.GetSnapshotAsync(id, cancellationToken);
        return snapshot is null
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{snapshot.Workflow.Status}|{snapshot.Workflow.UpdatedAt.UtcTicks}|{string.Join(',', snapshot.Phases.Select(p => p.Status))}|{string.Join(',', snapshot.Tasks.Select(t => $"{t.Id}:{t.Status}:{t.Blocked}"))}");
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not read watched resource {Id}")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, string id);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not tell a subscriber that {Id} changed; dropped its subscription")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception, string id);

    /// <summary>One subscriber's interest in one resource.</summary>
    private sealed class Watch(ResourceWatcher owner, ResourceKind kind, string id, Func<CancellationToken, Task> changed) : IAsyncDisposable
    {
        public ResourceKind Kind => kind;

        public string Id => id;

        public Func<CancellationToken, Task> Changed => changed;

        private int sending;

        public string? LastState { get; set; }

        public bool TryBeginSending() => Interlocked.Exchange(ref sending, 1) == 0;

        public void EndSending() => Volatile.Write(ref sending, 0);

        public ValueTask DisposeAsync()
        {
            owner.watches.TryRemove(this, out _);
            return ValueTask.CompletedTask;
        }
    }
}
