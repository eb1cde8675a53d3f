using Baton.Core.Interactions;
using Baton.Core.Tasks;
using Baton.Core.Workflows;

namespace Baton.Core.Storage;

/// <summary>
/// Workflows as the application layer sees them. Every method is one transaction, and every change that can move a
/// workflow on (start, a task added, cancel) applies <see cref="WorkflowReconciler"/> in that same transaction.
/// </summary>
public interface IWorkflowStore
{
    /// <summary>
    /// Creates a workflow with its phases and tasks (and starts it if the blueprint says so), all or nothing. If a
    /// workflow of the blueprint's id exists already (an id derived from a schedule's occurrence, tried again), nothing
    /// is written and that workflow is returned.
    /// </summary>
    Task<WorkflowRecord> CreateAsync(WorkflowBlueprint blueprint, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The workflow, its phases and its tasks' places in the graph; null if there is no such workflow.</summary>
    Task<WorkflowSnapshot?> GetSnapshotAsync(string workflowId, CancellationToken cancellationToken = default);

    /// <summary>Adds a phase to a draft workflow; false if the workflow is no longer a draft or has the phase already.</summary>
    Task<bool> AddPhaseAsync(string workflowId, PhaseRecord phase, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds a task to the phase named by its definition; false if the workflow or phase ended meanwhile. In a running
    /// workflow the task is released at once if its dependencies allow.
    /// </summary>
    Task<TaskRecord?> AddTaskAsync(string taskId, TaskDefinition definition, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Starts a draft workflow, releasing the tasks that can run; false if it was not a draft.</summary>
    Task<bool> StartAsync(string workflowId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cancels a workflow that has not ended: its waiting tasks at once, its running tasks by a cancel request to
    /// their workers. Returns how many running tasks were asked to stop, or null if it had already ended.
    /// </summary>
    Task<int?> CancelAsync(string workflowId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Approves or rejects a gated phase that waits in <c>input_required</c>, under the workflow's lock, with
    /// <see cref="PhaseGates.DecideAsync"/>: the decision, the answered interaction, its event and what the workflow
    /// rules make of it commit together.
    /// </summary>
    Task<GateDecisionResult> DecideGateAsync(string workflowId, string phaseId, InteractionResponse response, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pauses (<paramref name="pausedBy"/> set) or resumes (null) a started workflow that has not ended, then applies
    /// the workflow rules (its status shows it): while paused, the tasks it releases are held as <c>paused</c>. False
    /// if it was a draft, had ended, or was already in that state. Its tasks already released are the caller's to pause
    /// or resume.
    /// </summary>
    Task<bool> SetPausedAsync(string workflowId, string? pausedBy, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Sets a workflow's budget (a person raised it); false if there is no such workflow.</summary>
    Task<bool> SetBudgetAsync(string workflowId, decimal budgetUsd, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The workflow with its phases, tasks and their attempts, for display; null if there is none.</summary>
    Task<WorkflowContents?> GetContentsAsync(string workflowId, CancellationToken cancellationToken = default);

    /// <summary>Workflows matching the query, newest first, with task counts.</summary>
    Task<IReadOnlyList<WorkflowSummary>> ListAsync(WorkflowQuery query, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> workflow ids that start with <paramref name="prefix"/>.</summary>
    Task<IReadOnlyList<string>> FindIdsByPrefixAsync(string prefix, int limit, CancellationToken cancellationToken = default);

    /// <summary>For each task name, how long its recent successful attempts took (the median), where any exist.</summary>
    Task<IReadOnlyDictionary<string, TimeSpan>> TypicalDurationsAsync(IReadOnlyCollection<string> taskNames, CancellationToken cancellationToken = default);
}
