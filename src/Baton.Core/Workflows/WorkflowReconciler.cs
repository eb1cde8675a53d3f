using Baton.Core.Tasks;

namespace Baton.Core.Workflows;

/// <summary>
/// The workflow rules in one place. Everything about a workflow's progress is derived from its tasks' statuses: which
/// phases run, which blocked tasks may start, which will never run, and whether the workflow completed or failed.
/// Deriving (rather than counting completions) makes the answer the same however often it is asked, so the store can
/// ask after every change, inside that change's transaction, and a crash at any moment loses nothing.
/// </summary>
public static class WorkflowReconciler
{
    /// <summary>The statuses the workflow, its phases and its tasks must have now.</summary>
    public static WorkflowPlan Plan(WorkflowSnapshot snapshot)
    {
        var workflow = snapshot.Workflow;
        if (workflow.Status == WorkflowState.Draft)
        {
            return new WorkflowPlan(WorkflowState.Draft, null, snapshot.Phases.ToDictionary(p => p.PhaseId, _ => WorkflowState.Draft), [], [], []);
        }

        var tasks = snapshot.Tasks.ToDictionary(t => t.Id);
        var cancelled = new List<TaskCancellation>();
        var failed = new List<TaskFailure>();
        var unblocked = new List<string>();
        PhaseStatuses phases;
        TaskNode? failure;
        bool changed;
        do
        {
            changed = false;
            unblocked.Clear();
            failure = workflow.FailurePolicy == FailurePolicy.FailFast ? FirstFailure(snapshot.Tasks, tasks) : null;
            phases = new PhaseStatuses(snapshot.Phases, tasks.Values, workflow.Status == WorkflowState.Cancelled);
            foreach (var original in snapshot.Tasks)
            {
                var task = tasks[original.Id];
                if (task.Status != TaskState.Pending)
                {
                    continue;
                }

                var doomed = DoomedBy(workflow, task, failure, phases, tasks);
                if (doomed is not null)
                {
                    cancelled.Add(doomed);
                    tasks[task.Id] = task with { Status = TaskState.Cancelled, Blocked = false, CancelCause = doomed.Cause };
                    changed = true;
                }
                else if (RejectedBy(task, phases) is { } rejection)
                {
                    failed.Add(new TaskFailure(task.Id, rejection));
                    tasks[task.Id] = task with { Status = TaskState.Failed, Blocked = false };
                    changed = true;
                }
                else if (task.Blocked && phases.Of(task.PhaseId) == WorkflowState.Running
                    && DependencyRules.Evaluate(Upstream(task, tasks)).Kind == DependencyVerdictKind.Ready)
                {
                    unblocked.Add(task.Id);
                }
            }
        }
        while (changed);

        var (status, error) = WorkflowStatus(workflow, snapshot.Tasks.Select(t => tasks[t.Id]).ToList(), failure, phases);
        return new WorkflowPlan(status, error, phases.All, unblocked, cancelled, failed);
    }

    private static TaskCancellation? DoomedBy(
        WorkflowRecord workflow, TaskNode task, TaskNode? failure, PhaseStatuses phases, Dictionary<string, TaskNode> tasks)
    {
        if (workflow.Status == WorkflowState.Cancelled)
        {
            return new TaskCancellation(task.Id, CancelCause.Workflow, "not run: the workflow was cancelled");
        }

        // fail_fast cancels what has not started; a task that ran before (a retry, a rescued attempt) goes on.
        if (failure is not null && !task.Started)
        {
            return new TaskCancellation(task.Id, CancelCause.FailFast,
                $"not run: the workflow stopped (fail_fast) when '{failure.Name}' ({failure.Id}) {DependencyRules.Ended(failure.Status)}");
        }

        if (phases.DoomedUpstreamOf(task.PhaseId) is { } phase)
        {
            return new TaskCancellation(task.Id, CancelCause.Upstream, $"not run: phase '{phase.Id}' that its phase depends on {phase.Reason}");
        }

        var verdict = DependencyRules.Evaluate(Upstream(task, tasks));
        return verdict.Kind == DependencyVerdictKind.Doomed ? new TaskCancellation(task.Id, CancelCause.Upstream, verdict.Reason!) : null;
    }

    /// <summary>Why a task of a phase whose gate was rejected fails; null for any other task.</summary>
    private static string? RejectedBy(TaskNode task, PhaseStatuses phases) =>
        phases.Find(task.PhaseId) is { Gate: { Approved: false } gate } phase ? "not run: " + gate.RejectionText(phase.PhaseId) : null;

    private static IEnumerable<TaskNode> Upstream(TaskNode task, Dictionary<string, TaskNode> tasks) =>
        task.DependsOn.Select(id => tasks.GetValueOrDefault(id)).OfType<TaskNode>();

    /// <summary>Under fail_fast: the first task that ended without completing, other than one the rules cancelled.</summary>
    private static TaskNode? FirstFailure(IReadOnlyList<TaskNode> order, Dictionary<string, TaskNode> tasks) =>
        order.Select(t => tasks[t.Id]).FirstOrDefault(t => t.Status.IsTerminal() && t.Status != TaskState.Completed && t.CancelCause is null);

    private static (WorkflowState Status, string? Error) WorkflowStatus(WorkflowRecord workflow, IReadOnlyList<TaskNode> tasks, TaskNode? failure, PhaseStatuses phases)
    {
        if (workflow.Status == WorkflowState.Cancelled)
        {
            return (WorkflowState.Cancelled, workflow.Error);
        }

        var unfinished = tasks.Where(t => t.Status != TaskState.Completed).ToList();
        if (unfinished.Count == 0 && tasks.Count > 0)
        {
            return (WorkflowState.Completed, null);
        }

        // Blame a task that failed on its own before one the rules cancelled.
        var firstEnded = failure
            ?? unfinished.FirstOrDefault(t => t.Status.IsTerminal() && t.CancelCause is null)
            ?? unfinished.FirstOrDefault(t => t.Status.IsTerminal());
        if (firstEnded is not null && (failure is not null || unfinished.All(t => t.Status.IsTerminal())))
        {
            var others = unfinished.Count(t => t.Status.IsTerminal()) - 1;
            // A rejected gate is the reason, not the first of its tasks that the rejection failed.
            var rejected = phases.Find(firstEnded.PhaseId) is { Gate: { Approved: false } gate } phase && firstEnded.Status == TaskState.Failed
                ? gate.RejectionText(phase.PhaseId)
                : null;
            return (WorkflowState.Failed,
                (rejected ?? $"task '{firstEnded.Name}' ({firstEnded.Id}) {DependencyRules.Ended(firstEnded.Status)}")
                + (others > 0 ? $"; {others} other task{(others == 1 ? " did" : "s did")} not complete" : string.Empty));
        }

        return (workflow.PausedAt is null ? WorkflowState.Running : WorkflowState.Paused, null);
    }
}
