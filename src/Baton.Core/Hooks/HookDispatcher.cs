using System.Threading.Channels;
using Baton.Core.Events;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Hooks;

/// <summary>
/// Hands events to the hooks that want them without ever holding up the engine: events are read from the log (never
/// from the engine's path) into a bounded queue, and one loop runs the hooks of each event in order, one at a time.
/// A full queue drops the event for hooks (logged); a hook that fails, times out or cannot start is logged and
/// changes nothing else.
/// </summary>
public sealed partial class HookDispatcher(IReadOnlyList<HookDefinition> hooks, HookRunner runner, ILogger<HookDispatcher> logger)
{
    /// <summary>How many events may wait for their hooks before new ones are skipped.</summary>
    public const int QueueCapacity = 1024;

    /// <summary>The events any hook runs for: the union of their filters.</summary>
    public EventFilter Filter { get; } = hooks.Any(h => h.Types is null)
        ? EventFilter.All
        : new EventFilter(Types: [.. hooks.SelectMany(h => h.Types!).Distinct(StringComparer.Ordinal)]);

    /// <summary>Runs hooks for <paramref name="events"/> until it ends or <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(IAsyncEnumerable<EventRecord> events, CancellationToken cancellationToken = default)
    {
        var queue = Channel.CreateBounded<EventRecord>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true, SingleWriter = true });
        var consumer = Task.Run(() => ConsumeAsync(queue.Reader, cancellationToken), CancellationToken.None);
        try
        {
            await foreach (var record in events.WithCancellation(cancellationToken))
            {
                if (hooks.Any(h => h.Filter.Matches(record)) && !queue.Writer.TryWrite(record))
                {
                    LogQueueFull(record.Type, record.Id, QueueCapacity);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            queue.Writer.TryComplete();
        }

        await consumer;
    }

    private async Task ConsumeAsync(ChannelReader<EventRecord> queue, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var record in queue.ReadAllAsync(cancellationToken))
            {
                foreach (var hook in hooks.Where(h => h.Filter.Matches(record)))
                {
                    await RunOneAsync(hook, record, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down; a hook still running was stopped by its runner.
        }
    }

    private async Task RunOneAsync(HookDefinition hook, EventRecord record, CancellationToken cancellationToken)
    {
        HookOutcome outcome;
        try
        {
            outcome = await runner.RunAsync(hook, record, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The store was unreachable (worktree lookup) or the log folder unwritable: this hook run is lost, not the daemon.
            LogHookError(ex, hook.Name, record.Type, record.Id);
            return;
        }

        switch (outcome.Result)
        {
            case HookResult.Succeeded:
                LogHookRan(hook.Name, record.Type, record.Id);
                break;
            case HookResult.Failed:
                LogHookFailed(hook.Name, record.Type, record.Id, $"ended with {outcome.Exit}", outcome.LogPath);
                break;
            case HookResult.TimedOut:
                LogHookFailed(hook.Name, record.Type, record.Id, $"ran past its timeout of {hook.Timeout.TotalSeconds} s and was stopped", outcome.LogPath);
                break;
            case HookResult.SpawnFailed:
                LogHookFailed(hook.Name, record.Type, record.Id, $"could not start: {outcome.Error}", outcome.LogPath);
                break;
            case HookResult.Stopped:
                LogHookStopped(hook.Name, record.Type, record.Id);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Hook {Hook} ran for {EventType} event {EventId}")]
    private partial void LogHookRan(string hook, string eventType, long eventId);

    // Never the command or the environment: either may carry secrets.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Hook {Hook} for {EventType} event {EventId} {Problem}; its output is in {LogPath}")]
    private partial void LogHookFailed(string hook, string eventType, long eventId, string problem, string logPath);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hook {Hook} for {EventType} event {EventId} could not run")]
    private partial void LogHookError(Exception exception, string hook, string eventType, long eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hook {Hook} for {EventType} event {EventId} was stopped by the daemon's shutdown")]
    private partial void LogHookStopped(string hook, string eventType, long eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped hooks for {EventType} event {EventId}: {Capacity} events already wait for their hooks (hooks run slower than events come)")]
    private partial void LogQueueFull(string eventType, long eventId, int capacity);
}
