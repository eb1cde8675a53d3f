using Baton.Core.Processes;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Engine;

/// <summary>
/// Finds attempts whose worker died (its lease expired, or its process is gone from this host), makes sure the
/// old process tree is gone, marks the attempt interrupted and re-queues the task, up to a bound of rescues.
/// </summary>
internal sealed partial class Rescuer(IAttemptStore store, EngineOptions options, TimeProvider time, ILogger logger, string workerId)
{
    /// <summary>Rescues every lost attempt; returns how many.</summary>
    public async Task<int> RescueLostAttemptsAsync(CancellationToken cancellationToken = default)
    {
        var rescued = 0;
        foreach (var attempt in await store.FindOtherRunningAttemptsAsync(workerId, cancellationToken))
        {
            var now = time.GetUtcNow();
            if (attempt.LeaseExpiresAt > now && !WorkerIdentity.IsDeadOnThisHost(attempt.WorkerId))
            {
                continue;
            }

            // The old processes must be gone before the task runs again, or two copies would run at once. The attempt's
            // cgroup, if it had one and it still exists, holds them all (found by name if the worker died before it
            // recorded the process); it is removed once empty.
            var tree = new ProcessTree(attempt.Process, attempt.Attempt, ProcessContainment.Current.FindCgroup(attempt.Attempt));
            await tree.StopAsync(options.StopGracePeriod, time, cancellationToken);
            tree.Cgroup?.TryRemove();

            var exhausted = attempt.RescueCount >= options.MaxRescues;
            var rescue = new AttemptRescue
            {
                Attempt = attempt.Attempt,
                WorkerId = attempt.WorkerId,
                Now = time.GetUtcNow(),
                Reason = $"interrupted: its worker ({attempt.WorkerId}) stopped without finishing it",
                TaskStatus = exhausted ? TaskState.Failed : TaskState.Pending,
                TaskError = exhausted
                    ? $"its worker died while it ran {attempt.RescueCount + 1} times; not rescued again (limit {options.MaxRescues})"
                    : null,
            };

            if (await store.RescueAsync(rescue, cancellationToken))
            {
                rescued++;
                LogRescued(logger, attempt.Attempt.ToString(), attempt.WorkerId, exhausted);
            }
        }

        return rescued;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rescued attempt {Attempt} of dead worker {WorkerId} (task failed for good: {Exhausted})")]
    private static partial void LogRescued(ILogger logger, string attempt, string workerId, bool exhausted);
}
