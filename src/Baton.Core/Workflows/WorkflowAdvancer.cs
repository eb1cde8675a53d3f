using Baton.Core.Events;
using Baton.Core.Interactions;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Core.Workflows;

/// <summary>
/// Moves dependents on after tasks changed, inside the transaction of that change: a completion and the promotion it
/// unblocks commit together, so no crash can lose a promotion and no polling loop is needed. Workflow tasks follow
/// <see cref="WorkflowReconciler"/>; tasks on their own follow <see cref="DependencyRules"/>. Cancelling a task
/// dooms its own dependents in turn, so the changes are followed until nothing moves. Every status it sets is logged
/// through the session's outbox with the event <see cref="EventRules"/> makes of it.
/// </summary>
public static class WorkflowAdvancer
{
    /// <summary>Settles the tasks that depend on the changed tasks (and the changed tasks' own workflows).</summary>
    public static async Task AdvanceAsync(IWorkflowGraphSession graph, IReadOnlyList<string> changedTaskIds, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var queue = new Queue<string>(changedTaskIds);
        var reconciled = new HashSet<string>(StringComparer.Ordinal);
        while (queue.TryDequeue(out var id))
        {
            if (await graph.GetPlaceAsync(id, cancellationToken) is not { } place)
            {
                continue;
            }

            if (place.WorkflowId is { } workflowId && reconciled.Add(workflowId))
            {
                foreach (var cancelled in await ReconcileAsync(graph, workflowId, now, cancellationToken))
                {
                    queue.Enqueue(cancelled);
                }
            }

            if (place.WorkflowId is null && place.Status == TaskState.Pending && place.Blocked && await SettleAsync(graph, id, now, cancellationToken))
            {
                queue.Enqueue(id);
            }

            if (place.HasDependents)
            {
                foreach (var dependent in await graph.WaitingDependentsAsync(id, cancellationToken))
                {
                    if (await SettleAsync(graph, dependent, now, cancellationToken))
                    {
                        queue.Enqueue(dependent);
                    }
                }
            }
        }
    }

    /// <summary>Applies the workflow rules to one workflow, under its lock; returns the tasks they cancelled.</summary>
    public static async Task<IReadOnlyList<string>> ReconcileAsync(IWorkflowGraphSession graph, string workflowId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var snapshot = await graph.LockWorkflowAsync(workflowId, cancellationToken);
        if (snapshot is null)
        {
            return [];
        }

        var plan = WorkflowReconciler.Plan(snapshot);
        foreach (var cancel in plan.Cancel)
        {
            await CancelAsync(graph, cancel.TaskId, cancel.Cause, cancel.Reason, now, cancellationToken);
        }

        foreach (var fail in plan.Fail)
        {
            await AppendAsync(graph, await graph.FailAsync(fail.TaskId, fail.Reason, now, cancellationToken) is { } change ? EventRules.ForTask(change) : null, cancellationToken);
        }

        if (plan.Unblock.Count > 0)
        {
            await ReleaseWorkflowTasksAsync(graph, snapshot, plan.Unblock, now, cancellationToken);
        }

        var owner = snapshot.Workflow.CreatedBy;
        foreach (var phase in snapshot.Phases)
        {
            if (plan.Phases.TryGetValue(phase.PhaseId, out var status) && status != phase.Status)
            {
                var (startedAt, completedAt) = await graph.SetPhaseStatusAsync(workflowId, phase.PhaseId, status, now, cancellationToken);
                var at = (status == WorkflowState.Running ? startedAt : completedAt) ?? now;
                if (status == WorkflowState.InputRequired)
                {
                    // The gate's interaction is the phase's event: phase.input_required with its summary, for the owner.
                    var gate = await OpenGateAsync(graph, snapshot, phase, now, cancellationToken);
                    await graph.Events.AppendAsync(InteractionEvents.Raised(gate, null, owner, reminder: false, now), cancellationToken);
                    continue;
                }

                if (phase.Status == WorkflowState.InputRequired && await graph.FindOpenGateAsync(workflowId, phase.PhaseId, cancellationToken) is { } open)
                {
                    // The phase stopped waiting without a decision (its workflow was cancelled, say): nobody can answer it now.
                    await graph.WithdrawGateAsync(open, $"phase '{phase.PhaseId}' no longer waits ({status.ToWire()})", now, cancellationToken);
                }

                await AppendAsync(graph, EventRules.ForPhase(workflowId, phase.PhaseId, phase.Status, status, owner, at), cancellationToken);
            }
        }

        var workflow = snapshot.Workflow;
        if (plan.Status != workflow.Status || plan.Error != workflow.Error)
        {
            await graph.SetWorkflowStatusAsync(workflowId, plan.Status, plan.Error, now, cancellationToken);
            await AppendAsync(graph, EventRules.ForWorkflow(workflowId, workflow.Status, plan.Status, plan.Error, owner, now), cancellationToken);
        }

        return [.. plan.Cancel.Select(c => c.TaskId), .. plan.Fail.Select(f => f.TaskId)];
    }

    /// <summary>Opens a gated phase's interaction, with the results of the phases it depends on; one per phase: an open one is kept.</summary>
    internal static async Task<InteractionRecord> OpenGateAsync(IWorkflowGraphSession graph, WorkflowSnapshot snapshot, PhaseRecord phase, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var upstream = await graph.WorkflowUpstreamAsync(snapshot.Workflow.Id, phase.DependsOn, [], cancellationToken);
        var gate = PhaseGates.NewGate(snapshot.Workflow, phase, UpstreamSummary.Build(upstream, snapshot.Workflow.UpstreamLimits), now);
        if (await graph.FindOpenGateAsync(snapshot.Workflow.Id, phase.PhaseId, cancellationToken) is { } open)
        {
            return gate with { Id = open };
        }

        await graph.OpenGateAsync(gate, cancellationToken);
        return gate;
    }

    /// <summary>Releases workflow tasks, each with the summary of its upstream tasks: its phase's upstream phases and its own dependencies.</summary>
    private static async Task ReleaseWorkflowTasksAsync(
        IWorkflowGraphSession graph, WorkflowSnapshot snapshot, IReadOnlyList<string> taskIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var phases = snapshot.Phases.ToDictionary(p => p.PhaseId);
        var nodes = snapshot.Tasks.ToDictionary(t => t.Id);
        // A paused workflow's released tasks are held until it is resumed.
        var hold = snapshot.Workflow.PausedAt is null ? null : PhaseGates.HoldReason(snapshot.Workflow.Id);
        // Tasks of one phase usually share their upstream: build each distinct summary once.
        var summaries = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var id in taskIds)
        {
            var node = nodes[id];
            var phase = node.PhaseId is not null ? phases.GetValueOrDefault(node.PhaseId) : null;
            var upstreamPhases = phase?.DependsOn ?? [];
            var key = node.PhaseId + '\u0003' + string.Join('\u0001', upstreamPhases) + '\u0002' + string.Join('\u0001', node.DependsOn);
            if (!summaries.TryGetValue(key, out var summary))
            {
                var upstream = await graph.WorkflowUpstreamAsync(snapshot.Workflow.Id, upstreamPhases, node.DependsOn, cancellationToken);
                summary = UpstreamSummary.Build(upstream, snapshot.Workflow.UpstreamLimits);
                // The approver's feedback reaches every task of the phase: agents after their prompt, commands in BATON_UPSTREAM.
                if (phase?.Gate?.FeedbackSection(phase.PhaseId) is { } feedback)
                {
                    summary = summary is null ? feedback : summary + "\n" + feedback;
                }

                summaries[key] = summary;
            }

            await AppendAsync(graph, await graph.ReleaseAsync(id, summary, hold, now, cancellationToken) is { } held ? InteractionEvents.Paused(held, hold) : null, cancellationToken);
        }
    }

    /// <summary>Releases or cancels a blocked task on its own; true if it was cancelled (its dependents must follow).</summary>
    private static async Task<bool> SettleAsync(IWorkflowGraphSession graph, string taskId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var upstream = await graph.UpstreamOfAsync(taskId, cancellationToken);
        var verdict = DependencyRules.Evaluate(upstream.Select(u => new TaskNode(u.TaskId, u.Name, null, u.Status, false, [])));
        switch (verdict.Kind)
        {
            case DependencyVerdictKind.Ready:
                await graph.ReleaseAsync(taskId, UpstreamSummary.Build(upstream, UpstreamLimits.Default), null, now, cancellationToken);
                return false;
            case DependencyVerdictKind.Doomed:
                await CancelAsync(graph, taskId, CancelCause.Upstream, verdict.Reason!, now, cancellationToken);
                return true;
            default:
                return false;
        }
    }

    private static async Task CancelAsync(IWorkflowGraphSession graph, string taskId, CancelCause cause, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await graph.CancelAsync(taskId, cause, reason, now, cancellationToken) is { } change)
        {
            await AppendAsync(graph, EventRules.ForTask(change), cancellationToken);
        }
    }

    private static async Task AppendAsync(IWorkflowGraphSession graph, EventDraft? draft, CancellationToken cancellationToken)
    {
        if (draft is not null)
        {
            await graph.Events.AppendAsync(draft, cancellationToken);
        }
    }
}
