using System.Collections.Concurrent;
using System.Diagnostics;

namespace Baton.Bench.Infrastructure;

/// <summary>Collects the trace of each attempt by task id, for the scenarios that time each task's attempt.</summary>
internal sealed class AttemptTraces : IDisposable
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<AttemptTrace>> traces = new(StringComparer.Ordinal);
    private readonly TimeProvider time;
    private readonly ActivityListener listener;

    public AttemptTraces(TimeProvider time)
    {
        this.time = time;
        listener = AttemptActivities.Listen(OnStopped);
    }

    /// <summary>The trace of the task's attempt, once its end is committed; the attempt may have ended already.</summary>
    public async Task<AttemptTrace> WaitAsync(string taskId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var source = traces.GetOrAdd(taskId, NewSource);
        try
        {
            return await source.Task.WaitAsync(timeout, time, cancellationToken);
        }
        finally
        {
            traces.TryRemove(taskId, out _);
        }
    }

    /// <summary>The traces of all the tasks' attempts, by task id, within one deadline.</summary>
    public async Task<IReadOnlyDictionary<string, AttemptTrace>> WaitAllAsync(IReadOnlyCollection<string> taskIds, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var ended = await Task.WhenAll(taskIds.Select(id => WaitAsync(id, timeout, cancellationToken)));
        return ended.ToDictionary(t => t.TaskId, StringComparer.Ordinal);
    }

    public void Dispose() => listener.Dispose();

    private void OnStopped(Activity activity)
    {
        var finished = time.GetUtcNow();
        if (activity.GetTagItem(AttemptActivities.TaskIdTag) is not string taskId)
        {
            return;
        }

        var trace = new AttemptTrace(
            taskId,
            AttemptActivities.EventTime(activity, AttemptActivities.ProcessStarted),
            AttemptActivities.EventTime(activity, AttemptActivities.AttemptEnded),
            finished);
        traces.GetOrAdd(taskId, NewSource).TrySetResult(trace);
    }

    private static TaskCompletionSource<AttemptTrace> NewSource(string taskId) =>
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
