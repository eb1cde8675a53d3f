using Baton.Core.Application;
using Baton.Core.Errors;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Core.Schedules;

/// <summary>
/// Records one occurrence: builds its task under the occurrence's deterministic id (a failed build is recorded as a
/// failed occurrence), cancels the previous run first for overlap cancel_other, and tells the engine of the new work.
/// </summary>
public sealed class ScheduleFirer(IScheduleStore store, ITaskStore tasks, ScheduleTaskFactory build, IWorkNotifier notifier, TimeProvider time)
{
    /// <summary>Records <paramref name="step"/> with <paramref name="state"/>; true if this call recorded it (not an earlier one).</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="step">The occurrence and what to do with it.</param>
    /// <param name="state">The schedule's state once it is recorded.</param>
    /// <param name="running">The schedule's runs still going, cancelled first when the step asks.</param>
    /// <param name="manual">A trigger by hand: recorded even when the schedule is paused.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public async Task<OccurrenceRecord?> RecordAsync(
        ScheduleRecord schedule, PlannedStep step, ScheduleState state, IReadOnlyList<string> running, bool manual, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        TaskDefinition? task = null;
        var occurrence = new OccurrenceRecord(schedule.Name, step.PlannedAt, step.Outcome, step.Reason, null, now);
        if (step.Outcome == OccurrenceOutcome.Fired)
        {
            try
            {
                task = Task(schedule, step.PlannedAt);
                occurrence = occurrence with { TaskId = OccurrenceIds.TaskId(schedule.Name, step.PlannedAt) };
            }
            catch (BatonException ex)
            {
                occurrence = occurrence with { Outcome = OccurrenceOutcome.Failed, Reason = ex.Message };
            }
        }

        if (task is not null && step.CancelRunning)
        {
            foreach (var id in running)
            {
                if ((await tasks.CancelAsync(id, now, cancellationToken)).Outcome == CancelOutcome.Requested)
                {
                    await notifier.NotifyAsync(WorkChange.CancelRequested, cancellationToken);
                }
            }
        }

        var recorded = await store.RecordAsync(occurrence, task, state, ScheduleEvents.ForOccurrence(occurrence, schedule.CreatedBy), manual, cancellationToken);
        if (recorded && task is not null)
        {
            await notifier.NotifyAsync(WorkChange.Queued, cancellationToken);
        }

        return recorded ? occurrence : null;
    }

    private TaskDefinition Task(ScheduleRecord schedule, DateTimeOffset plannedAt)
    {
        var definition = build(schedule.Definition.Spec.Task with { CreatedBy = schedule.CreatedBy });
        var jitter = OccurrenceIds.JitterOf(schedule.Name, plannedAt, schedule.Definition.Policies.Jitter);
        var metadata = new Dictionary<string, string>(definition.Metadata) { ["schedule"] = schedule.Name, ["schedule_planned_at"] = plannedAt.UtcDateTime.ToString("O") };
        return definition with
        {
            // The occurrence's id names the task; a key of the caller's would merge occurrences into one task.
            IdempotencyKey = null,
            RunAt = jitter > TimeSpan.Zero ? plannedAt + jitter : definition.RunAt,
            Metadata = metadata,
        };
    }
}
