using Baton.Core.Application;
using Baton.Core.Errors;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Workflows;

namespace Baton.Core.Schedules;

/// <summary>
/// Records one occurrence: builds its task (or workflow) under the occurrence's deterministic id (a failed build is
/// recorded as a failed occurrence), cancels the previous run first for overlap cancel_other, and tells the engine of
/// the new work.
/// </summary>
public sealed class ScheduleFirer(
    IScheduleStore store, ITaskStore tasks, ScheduleTaskFactory build, IWorkNotifier notifier, TimeProvider time, ScheduleWorkflows? workflows = null)
{
    /// <summary>Records <paramref name="step"/> with <paramref name="state"/>; the occurrence if this call recorded it (not an earlier one).</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="step">The occurrence and what to do with it.</param>
    /// <param name="state">The schedule's state once it is recorded.</param>
    /// <param name="running">The schedule's runs still going (their task or workflow), cancelled first when the step asks.</param>
    /// <param name="manual">A trigger by hand: recorded even when the schedule is paused.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public async Task<OccurrenceRecord?> RecordAsync(
        ScheduleRecord schedule, PlannedStep step, ScheduleState state, IReadOnlyList<OccurrenceRecord> running, bool manual, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var occurrence = new OccurrenceRecord(schedule.Name, step.PlannedAt, step.Outcome, step.Reason, null, now);
        var isWorkflow = schedule.Definition.Spec.Workflow is not null;
        TaskDefinition? task = null;
        WorkflowBlueprint? workflow = null;
        if (step.Outcome == OccurrenceOutcome.Fired)
        {
            try
            {
                if (isWorkflow)
                {
                    workflow = await Workflows().BuildAsync(schedule, step.PlannedAt, cancellationToken);
                }
                else
                {
                    task = Task(schedule, step.PlannedAt);
                    occurrence = occurrence with { TaskId = OccurrenceIds.TaskId(schedule.Name, step.PlannedAt) };
                }
            }
            catch (BatonException ex)
            {
                occurrence = occurrence with { Outcome = OccurrenceOutcome.Failed, Reason = ex.Message };
            }
        }

        if ((task is not null || workflow is not null) && step.CancelRunning)
        {
            await CancelAsync(running, now, cancellationToken);
        }

        if (workflow is not null)
        {
            // The workflow store's create is a transaction of its own, so the workflow is created first, under the
            // occurrence's deterministic id, and the occurrence recorded after. A crash between the two leaves a
            // workflow and no occurrence: the next turn plans the same occurrence, finds the workflow of that id
            // (creating nothing) and records it, so nothing is lost. A second node firing the same occurrence names
            // the same workflow, and the occurrence's unique row lets one record it, so it runs at most once.
            // (The other order could record a fired occurrence whose workflow never comes if the node died between.)
            try
            {
                await Workflows().StartAsync(workflow, cancellationToken);
                occurrence = occurrence with { WorkflowId = workflow.Workflow.Id };
            }
            catch (BatonException ex) when (ex.Kind is ErrorKind.InvalidInput or ErrorKind.NotFound or ErrorKind.Conflict)
            {
                occurrence = occurrence with { Outcome = OccurrenceOutcome.Failed, Reason = ex.Message };
            }
        }

        var occurrenceEvent = ScheduleEvents.ForOccurrence(occurrence, schedule.CreatedBy, isWorkflow);
        var recorded = await store.RecordAsync(occurrence, task, state, occurrenceEvent, manual, cancellationToken);
        if (recorded && task is not null)
        {
            await notifier.NotifyAsync(WorkChange.Queued, cancellationToken);
        }

        if (!recorded && occurrence.WorkflowId is { } started && await PausedSinceAsync(schedule.Name, step.PlannedAt, manual, cancellationToken))
        {
            // The schedule was paused between reading it and recording: nothing may run for it, so the workflow just
            // started is stopped. (A repeat of an occurrence another node recorded finds it in the history and stays.)
            await Workflows().CancelAsync(started, cancellationToken);
        }

        return recorded ? occurrence : null;
    }

    private async Task<bool> PausedSinceAsync(string name, DateTimeOffset plannedAt, bool manual, CancellationToken cancellationToken) =>
        !manual
        && await store.GetAsync(name, cancellationToken) is { State.Paused: true }
        && !(await store.HistoryAsync(name, 100, cancellationToken)).Any(o => o.PlannedAt == plannedAt);

    private async Task CancelAsync(IReadOnlyList<OccurrenceRecord> running, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var run in running)
        {
            if (run.WorkflowId is { } workflowId)
            {
                await Workflows().CancelAsync(workflowId, cancellationToken);
            }
            else if (run.TaskId is { } taskId && (await tasks.CancelAsync(taskId, now, cancellationToken)).Outcome == CancelOutcome.Requested)
            {
                await notifier.NotifyAsync(WorkChange.CancelRequested, cancellationToken);
            }
        }
    }

    private ScheduleWorkflows Workflows() =>
        workflows ?? throw new BatonException(ErrorKind.Unavailable, "schedules of workflows are not available here; fire them from the daemon");

    private TaskDefinition Task(ScheduleRecord schedule, DateTimeOffset plannedAt)
    {
        var definition = build((schedule.Definition.Spec.Task ?? new TaskRequest()) with { CreatedBy = schedule.CreatedBy });
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
