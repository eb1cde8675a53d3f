using Baton.Core.Errors;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Workflows;

namespace Baton.Core.Application;

/// <summary>
/// Pauses and resumes a whole workflow. The workflow is marked first, so that nothing it releases meanwhile starts,
/// and then each of its tasks is paused or resumed as a task would be on its own, with their sessions kept.
/// </summary>
/// <param name="store">The workflows, marked paused or not.</param>
/// <param name="tasks">The workflow's tasks, paused and resumed one by one.</param>
/// <param name="notifier">Tells the engine of tasks queued again and of running tasks to interrupt.</param>
/// <param name="time">The clock.</param>
/// <param name="lookup">Finds the workflow a front end names, and reads it back after the change.</param>
internal sealed class WorkflowPausing(IWorkflowStore store, ITaskStore tasks, IWorkNotifier notifier, TimeProvider time, WorkflowLookup lookup)
{
    /// <inheritdoc cref="WorkflowService.PauseAsync"/>
    public async Task<WorkflowDetails> PauseAsync(string workflowIdOrPrefix, string pausedBy, CancellationToken cancellationToken = default)
    {
        var id = await lookup.ResolveIdAsync(workflowIdOrPrefix, cancellationToken);
        if (!await store.SetPausedAsync(id, pausedBy, time.GetUtcNow(), cancellationToken))
        {
            var workflow = (await lookup.SnapshotAsync(id, cancellationToken)).Workflow;
            throw workflow.PausedAt is not null
                ? BatonException.Conflict($"workflow {id} is already paused (by {workflow.PausedBy}); 'baton workflow resume {id}' releases it")
                : WorkflowGateErrors.NotStartedOrEnded(workflow, "paused");
        }

        // Once the workflow is marked, nothing it releases can start; now hold what was released before.
        var reason = $"workflow {id} was paused by {pausedBy}";
        var requested = false;
        var snapshot = await lookup.SnapshotAsync(id, cancellationToken);
        foreach (var task in snapshot.Tasks.Where(t => !t.Blocked && !t.Status.IsTerminal() && t.Status != TaskState.Paused))
        {
            var change = await tasks.PauseAsync(task.Id, reason, time.GetUtcNow(), cancellationToken);
            requested |= change.Outcome == TaskChangeOutcome.Requested;
        }

        if (requested)
        {
            await notifier.NotifyAsync(WorkChange.Attention, cancellationToken);
        }

        return await lookup.DetailsAsync(id, cancellationToken);
    }

    /// <inheritdoc cref="WorkflowService.ResumeAsync"/>
    public async Task<WorkflowDetails> ResumeAsync(string workflowIdOrPrefix, CancellationToken cancellationToken = default)
    {
        var id = await lookup.ResolveIdAsync(workflowIdOrPrefix, cancellationToken);
        if (!await store.SetPausedAsync(id, null, time.GetUtcNow(), cancellationToken))
        {
            var workflow = (await lookup.SnapshotAsync(id, cancellationToken)).Workflow;
            throw workflow.Status is WorkflowState.Draft || workflow.Status.IsEnded()
                ? WorkflowGateErrors.NotStartedOrEnded(workflow, "resumed")
                : BatonException.Conflict($"workflow {id} is not paused ({workflow.Status.ToWire()}); 'baton workflow pause {id}' pauses it");
        }

        var (queued, attention) = (false, false);
        var snapshot = await lookup.SnapshotAsync(id, cancellationToken);
        foreach (var task in snapshot.Tasks.Where(t => t.Status is TaskState.Paused or TaskState.Running or TaskState.InputRequired))
        {
            var change = await tasks.ResumeAsync(task.Id, null, time.GetUtcNow(), cancellationToken);
            queued |= change.Outcome == TaskChangeOutcome.Changed;
            attention |= change.Outcome == TaskChangeOutcome.Requested;
        }

        if (queued)
        {
            await notifier.NotifyAsync(WorkChange.Queued, cancellationToken);
        }

        if (attention)
        {
            await notifier.NotifyAsync(WorkChange.Attention, cancellationToken);
        }

        return await lookup.DetailsAsync(id, cancellationToken);
    }
}
