using Baton.Core.Interactions;
using Baton.Core.Tasks;
using Baton.Core.Workflows;

namespace Baton.Core.Application.Views;

/// <summary>Builds the workflow views from stored records.</summary>
public static class WorkflowViews
{
    /// <summary>The view of a workflow with its phases and tasks.</summary>
    public static WorkflowView Of(WorkflowDetails details)
    {
        var (workflow, phases, tasks, attempts) = (details.Contents.Workflow, details.Contents.Phases, details.Contents.Tasks, details.Contents.Attempts);
        var tasksByPhase = tasks.ToLookup(t => t.Definition.PhaseId, t => Of(t, attempts.GetValueOrDefault(t.Id) ?? [], details.Now));
        var allAttempts = attempts.Values.SelectMany(a => a).ToList();
        return new WorkflowView
        {
            WorkflowId = workflow.Id,
            Name = workflow.Name,
            Description = workflow.Description,
            Status = workflow.Status.ToWire(),
            FailurePolicy = workflow.FailurePolicy.ToWire(),
            CreatedAt = workflow.CreatedAt,
            StartedAt = workflow.StartedAt,
            CompletedAt = workflow.CompletedAt,
            ElapsedSeconds = Elapsed(workflow.StartedAt, workflow.CompletedAt, details.Now),
            Error = workflow.Error,
            CreatedBy = workflow.CreatedBy,
            PausedAt = workflow.PausedAt,
            PausedBy = workflow.PausedBy,
            Progress = Progress(tasks, details),
            Tokens = Views.Tokens(allAttempts),
            CostUsd = Views.Cost(allAttempts),
            CostEstimated = Views.Estimated(allAttempts),
            BudgetUsd = workflow.BudgetUsd,
            Phases = [.. phases.OrderBy(p => p.Position).Select(p =>
            {
                var inPhase = tasksByPhase[p.PhaseId].ToList();
                return new PhaseView
                {
                    PhaseId = p.PhaseId,
                    Name = p.Name,
                    DependsOn = p.DependsOn,
                    Status = p.Status.ToWire(),
                    RequiresApproval = p.RequiresApproval,
                    Gate = p.Gate is { } gate ? new PhaseGateView(gate.Decision.ToWire(), gate.Message, gate.DecidedBy, gate.DecidedAt) : null,
                    StartedAt = p.StartedAt,
                    CompletedAt = p.CompletedAt,
                    Percent = Percent(inPhase.Count(t => TaskStates.TryParse(t.Status, out var s) && s.IsTerminal()), inPhase.Count),
                    Tasks = inPhase,
                };
            })],
        };
    }

    /// <summary>The view of a workflow in a list.</summary>
    public static WorkflowListItemView Of(WorkflowSummary summary) => new(
        summary.Workflow.Id, summary.Workflow.Name, summary.Workflow.Status.ToWire(), summary.Workflow.CreatedAt, summary.Workflow.CompletedAt,
        summary.PhaseCount, summary.TaskCount, summary.FinishedCount, summary.CompletedCount, summary.RunningCount,
        Percent(summary.FinishedCount, summary.TaskCount));

    private static WorkflowTaskView Of(TaskRecord task, IReadOnlyList<Attempts.AttemptRecord> attempts, DateTimeOffset now) => new()
    {
        TaskId = task.Id,
        Name = task.Definition.Name,
        Status = task.Status.ToWire(),
        Runner = task.Definition.Runner,
        AgentName = task.Definition.AgentName ?? task.Definition.Agent?.Name,
        DependsOn = task.Definition.DependsOn,
        Blocked = task.Blocked,
        AttemptCount = task.AttemptCount,
        StartedAt = task.StartedAt,
        CompletedAt = task.CompletedAt,
        ElapsedSeconds = Elapsed(task.StartedAt, task.CompletedAt, now),
        CurrentStep = task.Status == TaskState.Running && attempts.Count > 0 ? attempts[^1].Progress?.CurrentStep : null,
        Tokens = Views.Tokens(attempts),
        CostUsd = Views.Cost(attempts),
        CostEstimated = Views.Estimated(attempts),
        Error = task.Error,
    };

    private static WorkflowProgressView Progress(IReadOnlyList<TaskRecord> tasks, WorkflowDetails details)
    {
        var finished = tasks.Count(t => t.Status.IsTerminal());
        var remaining = details.Remaining is { } left ? (long?)Math.Ceiling(left.TotalSeconds) : null;
        return new WorkflowProgressView
        {
            Percent = Percent(finished, tasks.Count),
            Total = tasks.Count,
            Finished = finished,
            Completed = tasks.Count(t => t.Status == TaskState.Completed),
            Failed = tasks.Count(t => t.Status is TaskState.Failed or TaskState.TimedOut),
            Cancelled = tasks.Count(t => t.Status == TaskState.Cancelled),
            Running = tasks.Count(t => t.Status == TaskState.Running),
            Pending = tasks.Count(t => !t.Status.IsTerminal() && t.Status != TaskState.Running),
            EstimatedTimeRemaining = remaining,
            EstimatedCompletion = remaining is { } seconds && !details.Contents.Workflow.Status.IsEnded() ? details.Now.AddSeconds(seconds) : null,
        };
    }

    private static int Percent(int part, int whole) => whole == 0 ? 0 : (int)(100L * part / whole);

    private static double? Elapsed(DateTimeOffset? started, DateTimeOffset? ended, DateTimeOffset now) =>
        started is { } start ? Math.Round(((ended ?? now) - start).TotalSeconds, 1) : null;
}
