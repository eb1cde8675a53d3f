using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Bench.Infrastructure;

/// <summary>Checks, outside the timed part, that a measured task really did what the figure assumes.</summary>
internal static class TaskChecks
{
    public static async Task RequireCompletedAsync(ITaskStore store, string taskId, CancellationToken cancellationToken = default)
    {
        var task = await store.GetTaskAsync(taskId, cancellationToken);
        if (task?.Status != TaskState.Completed)
        {
            throw new InvalidOperationException($"task {taskId} ended as {task?.Status.ToWire() ?? "missing"}, not completed: {task?.Error}");
        }
    }
}
