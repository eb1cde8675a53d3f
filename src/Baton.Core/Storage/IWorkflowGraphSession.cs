using Baton.Core.Events;
using Baton.Core.Interactions;
using Baton.Core.Workflows;

namespace Baton.Core.Storage;

/// <summary>
/// What <see cref="WorkflowAdvancer"/> reads and writes, inside the one write transaction of the change that moved
/// a graph (a finished attempt, a cancel, a retry, a start, a task added). The store only reads and writes here;
/// which tasks are released or cancelled, and every status and event, are decided by Core.
/// </summary>
public interface IWorkflowGraphSession
{
    /// <summary>The outbox of this transaction: every change below has its event appended through it.</summary>
    IEventAppender Events { get; }

    /// <summary>Where the task sits, or null if there is no such task.</summary>
    Task<TaskPlace?> GetPlaceAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>The tasks on their own (outside any workflow) that depend on this one and still wait (pending and blocked), oldest first.</summary>
    Task<IReadOnlyList<string>> WaitingDependentsAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>The tasks this task depends on by id, oldest first, with their results.</summary>
    Task<IReadOnlyList<UpstreamResult>> UpstreamOfAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the workflow's lock for the rest of the transaction, then reads the workflow, its phases and its tasks;
    /// null if there is no such workflow. Two transactions that advance the same workflow are thereby serialised:
    /// the second reads the graph only after the first committed, so two workers finishing tasks of one workflow at
    /// once can never both see the other's task as still running. SQLite provides this with its single writer
    /// (every write transaction is BEGIN IMMEDIATE, so no lock is taken here); a store with concurrent writers
    /// locks the workflow's row (PostgreSQL: <c>SELECT … FOR UPDATE</c>) before reading.
    /// </summary>
    Task<WorkflowSnapshot?> LockWorkflowAsync(string workflowId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The tasks of the workflow in <paramref name="phaseIds"/> or among <paramref name="taskIds"/>, oldest first,
    /// with their results: what a released task's upstream summary is made of.
    /// </summary>
    Task<IReadOnlyList<UpstreamResult>> WorkflowUpstreamAsync(
        string workflowId, IReadOnlyList<string> phaseIds, IReadOnlyList<string> taskIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cancels a pending task that will never run, keeping <paramref name="cause"/> (so a retry upstream re-opens
    /// it) and <paramref name="reason"/> as its error. Returns the change, or null if the task was not pending. The
    /// caller appends its event.
    /// </summary>
    Task<TaskChange?> CancelAsync(string taskId, CancelCause cause, string reason, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lets a blocked task be claimed, with the summary of its upstream results (null for none). With a
    /// <paramref name="holdReason"/> (its workflow is paused) it is released as <c>paused</c> with that reason instead,
    /// and the change is returned for its event; null when its status did not change.
    /// </summary>
    Task<TaskChange?> ReleaseAsync(string taskId, string? upstreamSummary, string? holdReason, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Fails a pending task that will never run (its phase's gate was rejected), with <paramref name="reason"/> as its
    /// error. Returns the change, or null if the task was not pending. The caller appends its event.
    /// </summary>
    Task<TaskChange?> FailAsync(string taskId, string reason, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The id of the open <c>phase_gate</c> interaction of a phase, or null if none is open.</summary>
    Task<string?> FindOpenGateAsync(string workflowId, string phaseId, CancellationToken cancellationToken = default);

    /// <summary>Stores a new <c>phase_gate</c> interaction as Core built it (open, with the phase's upstream results).</summary>
    Task OpenGateAsync(InteractionRecord gate, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the decision on a phase's gate, and answers its open interaction <paramref name="interactionId"/> (if
    /// any) with <paramref name="response"/>, delivered at once since no agent waits for it. False if the
    /// interaction was no longer open (nothing is written then).
    /// </summary>
    Task<bool> DecideGateAsync(
        string workflowId, string phaseId, PhaseGateDecision decision, string? interactionId, InteractionResponse response, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Withdraws a gate interaction that is still open (its phase no longer waits: the workflow was cancelled); false if it was not open.</summary>
    Task<bool> WithdrawGateAsync(string interactionId, string reason, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets a phase's status (its start time kept from the first start, its end time set when it ends, cleared when
    /// it re-opens); returns when it started and ended as stored, for its event.
    /// </summary>
    Task<(DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt)> SetPhaseStatusAsync(
        string workflowId, string phaseId, WorkflowState status, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Sets a workflow's status and error (its end time set when it ends, cleared when it re-opens).</summary>
    Task SetWorkflowStatusAsync(string workflowId, WorkflowState status, string? error, DateTimeOffset now, CancellationToken cancellationToken = default);
}
