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
    private const int MaxNameLength = 200;
    private const int MaxDescriptionLength = 4000;

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
        Require(!string.IsNullOrWhiteSpace(settings.Name), "name must not be empty");
        Require(settings.Name.Length <= MaxNameLength, $"name is {settings.Name.Length} characters; the limit is {MaxNameLength}");
        Require((settings.Description?.Length ?? 0) <= MaxDescriptionLength, $"description is {settings.Description?.Length} characters; the limit is {MaxDescriptionLength}");
        var limits = settings.UpstreamLimits ?? UpstreamLimits.Default;
        Require(limits.TotalBytes is >= 1024 and <= UpstreamLimits.MaxTotalBytes,
            $"the upstream summary cap must be between 1024 and {UpstreamLimits.MaxTotalBytes} bytes (got {limits.TotalBytes})");
        Require(limits.PerTaskBytes >= 256 && limits.PerTaskBytes <= limits.TotalBytes,
            $"the per-task upstream cap must be between 256 bytes and the total cap, {limits.TotalBytes} (got {limits.PerTaskBytes})");
        Require(settings.BudgetUsd is not { } budget || (budget >= Fields.TaskFields.MinBudgetUsd && budget <= Fields.TaskFields.MaxBudgetUsd),
            string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"budget_usd must be an amount in USD from {Fields.TaskFields.MinBudgetUsd} to {Fields.TaskFields.MaxBudgetUsd} (got {settings.BudgetUsd})"));
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
        var snapshot = await SnapshotAsync(workflowIdOrPrefix, cancellationToken);
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
        Require(phase.Name.Length <= MaxNameLength, $"phase name is {phase.Name.Length} characters; the limit is {MaxNameLength}");
        if (!await store.AddPhaseAsync(snapshot.Workflow.Id, phase, time.GetUtcNow(), cancellationToken))
        {
            // Someone else changed the workflow between the check and the write; check again for the right message.
            var again = await SnapshotAsync(snapshot.Workflow.Id, cancellationToken);
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
        var snapshot = await SnapshotAsync(workflowIdOrPrefix, cancellationToken);
        var workflow = snapshot.Workflow;
        definition = definition with { WorkflowId = workflow.Id, PhaseId = phaseId, DependsOn = [.. definition.DependsOn.Select(d => ResolveTaskId(snapshot, d))] };
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
            definition = definition with { Session = session with { TaskId = ResolveTaskId(snapshot, session.TaskId) } };
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
        var snapshot = await SnapshotAsync(workflowIdOrPrefix, cancellationToken);
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
        var snapshot = await SnapshotAsync(workflowIdOrPrefix, cancellationToken);
        RequireStartable(snapshot.Workflow);
        WorkflowGraphValidator.CheckStartable(snapshot);
        if (!await store.StartAsync(snapshot.Workflow.Id, time.GetUtcNow(), cancellationToken))
        {
            var again = await SnapshotAsync(snapshot.Workflow.Id, cancellationToken);
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
    public async Task<WorkflowDetails> GetAsync(string workflowIdOrPrefix, CancellationToken cancellationToken = default)
    {
        var id = await ResolveIdAsync(workflowIdOrPrefix, cancellationToken);
        var contents = await store.GetContentsAsync(id, cancellationToken) ?? throw NotFound(workflowIdOrPrefix);
        var unfinished = contents.Tasks.Where(t => !t.Status.IsTerminal()).Select(t => t.Definition.Name).Distinct(StringComparer.Ordinal).ToList();
        var typical = unfinished.Count == 0 ? new Dictionary<string, TimeSpan>() : await store.TypicalDurationsAsync(unfinished, cancellationToken);
        var now = time.GetUtcNow();
        return new WorkflowDetails(contents, WorkflowEstimator.Remaining(contents, typical, now), now);
    }

    /// <summary>How long recent successful attempts of tasks named <paramref name="taskName"/> took (the median), if any ran.</summary>
    public async Task<TimeSpan?> TypicalDurationAsync(string taskName, CancellationToken cancellationToken = default) =>
        (await store.TypicalDurationsAsync([taskName], cancellationToken)).TryGetValue(taskName, out var typical) ? typical : null;

    /// <summary>Workflows matching the query, newest first.</summary>
    public Task<IReadOnlyList<WorkflowSummary>> ListAsync(WorkflowQuery query, CancellationToken cancellationToken = default)
    {
        Require(query.Limit is >= 1 and <= 10_000, $"limit must be between 1 and 10000 (got {query.Limit})");
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
    public async Task<WorkflowDetails> DecideGateAsync(string workflowIdOrPrefix, string phaseId, InteractionResponse response, CancellationToken cancellationToken = default)
    {
        Require(InteractionKind.PhaseGate.Accepts(response.Decision),
            $"a phase gate is approved or rejected (approve or deny), not answered with '{response.Decision.ToWire()}'");
        Require((response.Message?.Length ?? 0) <= MaxDescriptionLength, $"the message is {response.Message?.Length} characters; the limit is {MaxDescriptionLength}");
        var id = await ResolveIdAsync(workflowIdOrPrefix, cancellationToken);
        var result = await store.DecideGateAsync(id, phaseId, response, time.GetUtcNow(), cancellationToken);
        if (result.Outcome != GateOutcome.Decided)
        {
            throw WorkflowGateErrors.Of(id, phaseId, result);
        }

        if (response.Decision == InteractionDecision.Approve)
        {
            await notifier.NotifyAsync(WorkChange.Queued, cancellationToken);
        }

        return await GetAsync(id, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>An answer to a <c>phase_gate</c> interaction (interaction_respond, REST respond) is the same decision as approve or reject.</remarks>
    public async Task<RespondResult> DecideAsync(InteractionRecord gate, InteractionResponse response, CancellationToken cancellationToken = default)
    {
        if (gate.WorkflowId is not { } workflowId || gate.PhaseId is not { } phaseId)
        {
            return new RespondResult(RespondOutcome.NotFound, null);
        }

        var now = time.GetUtcNow();
        var result = await store.DecideGateAsync(workflowId, phaseId, response, now, cancellationToken);
        return result.Outcome switch
        {
            GateOutcome.Decided => new RespondResult(RespondOutcome.Answered,
                gate with { Status = InteractionStatus.Answered, Response = response, ClosedAt = now, DeliveredAt = now }),
            GateOutcome.AlreadyDecided => new RespondResult(RespondOutcome.AlreadyAnswered, gate),
            GateOutcome.NoWorkflow or GateOutcome.NoPhase => new RespondResult(RespondOutcome.NotFound, null),
            // The phase no longer waits at its gate (its workflow was cancelled, say): nobody can answer it now.
            _ => new RespondResult(RespondOutcome.Withdrawn, gate),
        };
    }

    /// <summary>
    /// Pauses a started workflow: its tasks waiting to run are paused at once, its running ones are interrupted with
    /// their sessions kept, and tasks it releases meanwhile are held, until <see cref="ResumeAsync"/>.
    /// </summary>
    public async Task<WorkflowDetails> PauseAsync(string workflowIdOrPrefix, string pausedBy, CancellationToken cancellationToken = default)
    {
        var id = await ResolveIdAsync(workflowIdOrPrefix, cancellationToken);
        if (!await store.SetPausedAsync(id, pausedBy, time.GetUtcNow(), cancellationToken))
        {
            var workflow = (await SnapshotAsync(id, cancellationToken)).Workflow;
            throw workflow.PausedAt is not null
                ? BatonException.Conflict($"workflow {id} is already paused (by {workflow.PausedBy}); 'baton workflow resume {id}' releases it")
                : WorkflowGateErrors.NotStartedOrEnded(workflow, "paused");
        }

        // Once the workflow is marked, nothing it releases can start; now hold what was released before.
        var reason = $"workflow {id} was paused by {pausedBy}";
        var requested = false;
        var snapshot = await SnapshotAsync(id, cancellationToken);
        foreach (var task in snapshot.Tasks.Where(t => !t.Blocked && !t.Status.IsTerminal() && t.Status != TaskState.Paused))
        {
            var change = await tasks.PauseAsync(task.Id, reason, time.GetUtcNow(), cancellationToken);
            requested |= change.Outcome == TaskChangeOutcome.Requested;
        }

        if (requested)
        {
            await notifier.NotifyAsync(WorkChange.Attention, cancellationToken);
        }

        return await GetAsync(id, cancellationToken);
    }

    /// <summary>Resumes a paused workflow: everything it held goes back to the queue, and pauses still requested are withdrawn.</summary>
    public async Task<WorkflowDetails> ResumeAsync(string workflowIdOrPrefix, CancellationToken cancellationToken = default)
    {
        var id = await ResolveIdAsync(workflowIdOrPrefix, cancellationToken);
        if (!await store.SetPausedAsync(id, null, time.GetUtcNow(), cancellationToken))
        {
            var workflow = (await SnapshotAsync(id, cancellationToken)).Workflow;
            throw workflow.Status is WorkflowState.Draft || workflow.Status.IsEnded()
                ? WorkflowGateErrors.NotStartedOrEnded(workflow, "resumed")
                : BatonException.Conflict($"workflow {id} is not paused ({workflow.Status.ToWire()}); 'baton workflow pause {id}' pauses it");
        }

        var (queued, attention) = (false, false);
        var snapshot = await SnapshotAsync(id, cancellationToken);
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

        return await GetAsync(id, cancellationToken);
    }

    /// <summary>Turns a workflow id or a unique prefix of one into the full id.</summary>
    public async Task<string> ResolveIdAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        var text = idOrPrefix.Trim().ToLowerInvariant();
        Require(TaskIds.LooksLikeIdOrPrefix(text),
            $"'{idOrPrefix}' is not a workflow id; {TaskIds.Shape}, as printed by 'baton workflow create' or 'baton workflow list'");
        var matches = await store.FindIdsByPrefixAsync(text, 6, cancellationToken);
        return matches.Count switch
        {
            0 => throw NotFound(idOrPrefix),
            1 => matches[0],
            _ when matches.Contains(text) => text,
            _ => throw BatonException.Invalid($"'{idOrPrefix}' matches several workflows ({string.Join(", ", matches.Take(5))}); type more characters"),
        };
    }

    /// <summary>A task id of the workflow, given in full or as a unique prefix; anything else is kept for the graph check to report.</summary>
    private static string ResolveTaskId(WorkflowSnapshot snapshot, string idOrPrefix)
    {
        var text = idOrPrefix.Trim().ToLowerInvariant();
        var matches = snapshot.Tasks.Where(t => t.Id.StartsWith(text, StringComparison.Ordinal)).Take(2).ToList();
        return text.Length >= TaskIds.MinimumPrefix && matches.Count == 1 ? matches[0].Id : idOrPrefix;
    }

    private async Task<WorkflowSnapshot> SnapshotAsync(string idOrPrefix, CancellationToken cancellationToken)
    {
        var id = await ResolveIdAsync(idOrPrefix, cancellationToken);
        return await store.GetSnapshotAsync(id, cancellationToken) ?? throw NotFound(idOrPrefix);
    }

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

    private static BatonException NotFound(string idOrPrefix) =>
        BatonException.NotFound($"no workflow with id '{idOrPrefix}'; 'baton workflow list' shows recent workflows");

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw BatonException.Invalid(message);
        }
    }
}
