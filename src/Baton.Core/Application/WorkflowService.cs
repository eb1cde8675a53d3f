using Baton.Core.Errors;
using Baton.Core.Interactions;
using Baton.Core.Runners;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Workflows;

namespace Baton.Core.Application;

/// <summary>
/// The application layer for workflows, called by every front end: build a workflow step by step (create, add
/// phases, add tasks, start) or all at once from a blueprint, then watch or cancel it. Graph rules live in
/// <see cref="WorkflowGraphValidator"/> and <see cref="WorkflowReconciler"/>; this class adds ids, checks and messages.
/// </summary>
public sealed class WorkflowService(IWorkflowStore store, ITaskStore tasks, IWorkNotifier notifier, RunnerRegistry runners, TimeProvider time) : IPhaseGates
{
    private WorkflowLookup Lookup => field ??= new(store, time);

    private WorkflowGateDecisions Gates => field ??= new(store, notifier, time, Lookup);

    private WorkflowPausing Pausing => field ??= new(store, tasks, notifier, time, Lookup);

    /// <summary>Creates an empty draft workflow.</summary>
    public Task<WorkflowRecord> CreateAsync(WorkflowSettings settings, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var workflow = NewWorkflow(settings, WorkflowState.Draft, now);
        return store.CreateAsync(new WorkflowBlueprint(workflow, [], []), now, cancellationToken);
    }

    /// <summary>The workflow record a blueprint starts from, checked.</summary>
    public WorkflowRecord NewWorkflow(WorkflowSettings settings, WorkflowState status, DateTimeOffset now)
    {
        var limits = WorkflowRules.CheckSettings(settings);
        return new WorkflowRecord
        {
            Id = TaskIds.New(),
            Name = settings.Name.Trim(),
            Description = settings.Description?.Trim() ?? string.Empty,
            Status = status,
            FailurePolicy = settings.FailurePolicy,
            UpstreamLimits = limits,
            CreatedAt = now,
            UpdatedAt = now,
            StartedAt = status == WorkflowState.Draft ? null : now,
            CreatedBy = settings.CreatedBy,
            BudgetUsd = settings.BudgetUsd,
        };
    }

    /// <summary>
    /// Adds a phase to a draft workflow; with <paramref name="requiresApproval"/> it waits, once its dependencies
    /// completed, for a person to approve it (<see cref="ApproveAsync"/>) before its tasks start.
    /// </summary>
    public async Task<PhaseRecord> AddPhaseAsync(
        string workflowIdOrPrefix, string phaseId, string? name, IReadOnlyList<string> dependsOn, bool requiresApproval = false, CancellationToken cancellationToken = default)
    {
        var snapshot = await Lookup.SnapshotAsync(workflowIdOrPrefix, cancellationToken);
        RequireDraft(snapshot.Workflow, "phases");
        WorkflowGraphValidator.CheckNewPhase(snapshot, phaseId, dependsOn);
        var phase = new PhaseRecord
        {
            PhaseId = phaseId,
            Name = string.IsNullOrWhiteSpace(name) ? phaseId : name.Trim(),
            DependsOn = dependsOn,
            Position = snapshot.Phases.Count == 0 ? 0 : snapshot.Phases.Max(p => p.Position) + 1,
            Status = WorkflowState.Draft,
            RequiresApproval = requiresApproval,
        };
        WorkflowRules.Require(phase.Name.Length <= WorkflowRules.MaxNameLength, $"phase name is {phase.Name.Length} characters; the limit is {WorkflowRules.MaxNameLength}");
        if (!await store.AddPhaseAsync(snapshot.Workflow.Id, phase, time.GetUtcNow(), cancellationToken))
        {
            // Someone else changed the workflow between the check and the write; check again for the right message.
            var again = await Lookup.SnapshotAsync(snapshot.Workflow.Id, cancellationToken);
            RequireDraft(again.Workflow, "phases");
            WorkflowGraphValidator.CheckNewPhase(again, phaseId, dependsOn);
            throw BatonException.Conflict($"workflow {snapshot.Workflow.Id} changed while the phase was added; try again");
        }

        return phase;
    }

    /// <summary>
    /// Adds a task to a phase of a workflow that has not ended. Its <see cref="TaskDefinition.DependsOn"/> may name
    /// tasks of the same workflow. In a running workflow it runs as soon as its dependencies allow.
    /// </summary>
    public async Task<TaskRecord> AddTaskAsync(string workflowIdOrPrefix, string phaseId, TaskDefinition definition, string? searchPath, CancellationToken cancellationToken = default)
    {
        var snapshot = await Lookup.SnapshotAsync(workflowIdOrPrefix, cancellationToken);
        var workflow = snapshot.Workflow;
        definition = definition with { WorkflowId = workflow.Id, PhaseId = phaseId, DependsOn = [.. definition.DependsOn.Select(d => WorkflowLookup.ResolveTaskId(snapshot, d))] };
        TaskDefinitionValidator.Validate(definition, runners.Names, searchPath);
        if (workflow.Status.IsEnded())
        {
            throw BatonException.Conflict($"workflow {workflow.Id} has ended ({workflow.Status.ToWire()}); tasks can be added only to a workflow that has not ended");
        }

        var phase = snapshot.Phases.FirstOrDefault(p => p.PhaseId == phaseId)
            ?? throw BatonException.NotFound($"workflow {workflow.Id} has no phase '{phaseId}'; "
                + (snapshot.Phases.Count == 0 ? "add one first (workflow_add_phase)" : $"its phases are {string.Join(", ", snapshot.Phases.Select(p => $"'{p.PhaseId}'"))}"));
        if (phase.Status.IsEnded())
        {
            throw BatonException.Conflict($"phase '{phaseId}' of workflow {workflow.Id} has ended ({phase.Status.ToWire()}); add the task to a phase that has not ended");
        }

        if (definition.Session is { } session)
        {
            // The same checks as a task queued on its own: a session only its own runner can take up, from a task that had one.
            definition = definition with { Session = session with { TaskId = WorkflowLookup.ResolveTaskId(snapshot, session.TaskId) } };
            await SessionSources.CheckAsync(tasks, definition, cancellationToken);
        }

        var id = TaskIds.New();
        WorkflowGraphValidator.CheckTaskDependencies(snapshot, new TaskNode(id, definition.Name, phaseId, TaskState.Pending, true, definition.DependsOn));
        var task = await store.AddTaskAsync(id, definition, time.GetUtcNow(), cancellationToken)
            ?? throw BatonException.Conflict($"workflow {workflow.Id} or its phase '{phaseId}' ended while the task was added; nothing was added");
        if (workflow.Status != WorkflowState.Draft)
        {
            await notifier.NotifyAsync(WorkChange.Queued, cancellationToken);
        }

        return task;
    }

    /// <summary>
    /// Checks a workflow's whole graph without starting it; true if it is a draft that may start, false if it was
    /// started already (a start then says so). Front ends call it before starting a daemon for nothing.
    /// </summary>
    public async Task<bool> CheckStartableAsync(string workflowIdOrPrefix, CancellationToken cancellationToken = default)
    {
        var snapshot = await Lookup.SnapshotAsync(workflowIdOrPrefix, cancellationToken);
        if (snapshot.Workflow.Status != WorkflowState.Draft)
        {
            return false;
        }

        WorkflowGraphValidator.CheckStartable(snapshot);
        return true;
    }

    /// <summary>Checks a draft workflow's whole graph and starts it.</summary>
    public async Task<WorkflowDetails> StartAsync(string workflowIdOrPrefix, CancellationToken cancellationToken = default)
    {
        var snapshot = await Lookup.SnapshotAsync(workflowIdOrPrefix, cancellationToken);
        RequireStartable(snapshot.Workflow);
        WorkflowGraphValidator.CheckStartable(snapshot);
        if (!await store.StartAsync(snapshot.Workflow.Id, time.GetUtcNow(), cancellationToken))
        {
            var again = await Lookup.SnapshotAsync(snapshot.Workflow.Id, cancellationToken);
            RequireStartable(again.Workflow);
        }

        await notifier.NotifyAsync(WorkChange.Queued, cancellationToken);
        return await GetAsync(snapshot.Workflow.Id, cancellationToken);
    }

    /// <summary>Checks a whole blueprint (every task and the graph) and creates it, started, in one transaction.</summary>
    public async Task<WorkflowRecord> RunAsync(WorkflowBlueprint blueprint, string? searchPath, CancellationToken cancellationToken = default)
    {
        foreach (var task in blueprint.Tasks)
        {
            TaskDefinitionValidator.Validate(task.Definition, runners.Names, searchPath);
        }

        WorkflowGraphValidator.CheckStartable(blueprint.ToSnapshot());
        var now = time.GetUtcNow();
        var started = blueprint with { Workflow = blueprint.Workflow with { Status = WorkflowState.Running, StartedAt = now } };
        var workflow = await store.CreateAsync(started, now, cancellationToken);
        await notifier.NotifyAsync(WorkChange.Queued, cancellationToken);
        return workflow;
    }

    /// <summary>The workflow with its phases, tasks and an estimate of the time it still needs.</summary>
    public Task<WorkflowDetails> GetAsync(string workflowIdOrPrefix, CancellationToken cancellationToken = default) =>
        Lookup.DetailsAsync(workflowIdOrPrefix, cancellationToken);

    /// <summary>How long recent successful attempts of tasks named <paramref name="taskName"/> took (the median), if any ran.</summary>
    public async Task<TimeSpan?> TypicalDurationAsync(string taskName, CancellationToken cancellationToken = default) =>
        (await store.TypicalDurationsAsync([taskName], cancellationToken)).TryGetValue(taskName, out var typical) ? typical : null;

    /// <summary>Workflows matching the query, newest first.</summary>
    public Task<IReadOnlyList<WorkflowSummary>> ListAsync(WorkflowQuery query, CancellationToken cancellationToken = default)
    {
        WorkflowRules.Require(query.Limit is >= 1 and <= 10_000, $"limit must be between 1 and 10000 (got {query.Limit})");
        return store.ListAsync(query, cancellationToken);
    }

    /// <summary>Cancels everything in the workflow that has not finished; running tasks are stopped by their workers.</summary>
    public async Task<WorkflowDetails> CancelAsync(string workflowIdOrPrefix, CancellationToken cancellationToken = default)
    {
        var id = await ResolveIdAsync(workflowIdOrPrefix, cancellationToken);
        var stopping = await store.CancelAsync(id, time.GetUtcNow(), cancellationToken);
        var details = await GetAsync(id, cancellationToken);
        if (stopping is null)
        {
            throw BatonException.Conflict($"workflow {id} already ended as {details.Contents.Workflow.Status.ToWire()}; there is nothing to cancel");
        }

        if (stopping > 0)
        {
            await notifier.NotifyAsync(WorkChange.CancelRequested, cancellationToken);
        }

        return details;
    }

    /// <summary>
    /// Approves a gated phase that waits for a person: its tasks start, with <paramref name="feedback"/> added to
    /// their upstream context (after an agent's prompt; in <c>BATON_UPSTREAM</c> for a command).
    /// </summary>
    public Task<WorkflowDetails> ApproveAsync(string workflowIdOrPrefix, string phaseId, string? feedback, string approvedBy, CancellationToken cancellationToken = default) =>
        DecideGateAsync(workflowIdOrPrefix, phaseId, new InteractionResponse { Decision = InteractionDecision.Approve, Message = feedback, RespondedBy = approvedBy }, cancellationToken);

    /// <summary>Rejects a gated phase that waits for a person: it fails under the workflow's failure policy, with <paramref name="message"/> in its tasks' errors.</summary>
    public Task<WorkflowDetails> RejectAsync(string workflowIdOrPrefix, string phaseId, string? message, string rejectedBy, CancellationToken cancellationToken = default) =>
        DecideGateAsync(workflowIdOrPrefix, phaseId, new InteractionResponse { Decision = InteractionDecision.Deny, Message = message, RespondedBy = rejectedBy }, cancellationToken);

    /// <summary>
    /// Decides a phase's gate (approve or deny): what <see cref="ApproveAsync"/>, <see cref="RejectAsync"/> and an
    /// answer to a <c>phase_gate</c> interaction do. A gate is decided once: a second decision is a conflict.
    /// </summary>
    public Task<WorkflowDetails> DecideGateAsync(string workflowIdOrPrefix, string phaseId, InteractionResponse response, CancellationToken cancellationToken = default) =>
        Gates.DecideGateAsync(workflowIdOrPrefix, phaseId, response, cancellationToken);

    /// <inheritdoc />
    /// <remarks>An answer to a <c>phase_gate</c> interaction (interaction_respond, REST respond) is the same decision as approve or reject.</remarks>
    public Task<RespondResult> DecideAsync(InteractionRecord gate, InteractionResponse response, CancellationToken cancellationToken = default) =>
        Gates.DecideAsync(gate, response, cancellationToken);

    /// <summary>
    /// Pauses a started workflow: its tasks waiting to run are paused at once, its running ones are interrupted with
    /// their sessions kept, and tasks it releases meanwhile are held, until <see cref="ResumeAsync"/>.
    /// </summary>
    public Task<WorkflowDetails> PauseAsync(string workflowIdOrPrefix, string pausedBy, CancellationToken cancellationToken = default) =>
        Pausing.PauseAsync(workflowIdOrPrefix, pausedBy, cancellationToken);

    /// <summary>Resumes a paused workflow: everything it held goes back to the queue, and pauses still requested are withdrawn.</summary>
    public Task<WorkflowDetails> ResumeAsync(string workflowIdOrPrefix, CancellationToken cancellationToken = default) =>
        Pausing.ResumeAsync(workflowIdOrPrefix, cancellationToken);

    /// <summary>Turns a workflow id or a unique prefix of one into the full id.</summary>
    public Task<string> ResolveIdAsync(string idOrPrefix, CancellationToken cancellationToken = default) =>
        Lookup.ResolveIdAsync(idOrPrefix, cancellationToken);

    private static void RequireDraft(WorkflowRecord workflow, string what)
    {
        if (workflow.Status != WorkflowState.Draft)
        {
            throw BatonException.Conflict(
                $"workflow {workflow.Id} was started already ({workflow.Status.ToWire()}); {what} can be added only before workflow_start"
                + (what == "phases" ? "; add tasks to a phase that has not ended, or create a new workflow" : string.Empty));
        }
    }

    private static void RequireStartable(WorkflowRecord workflow)
    {
        if (workflow.Status != WorkflowState.Draft)
        {
            throw BatonException.Conflict($"workflow {workflow.Id} was started already ({workflow.Status.ToWire()}); 'baton workflow status {workflow.Id}' shows how far it got");
        }
    }
}
