namespace Baton.Core.Workflows;

/// <summary>
/// What a workflow's statuses must become for its tasks' statuses: the store applies it in the same transaction as the
/// change that caused it, so no completion is ever recorded without the promotion it unblocks.
/// </summary>
/// <param name="Status">The workflow's status.</param>
/// <param name="Error">Why it failed, if it did.</param>
/// <param name="Phases">Each phase's status, by phase id.</param>
/// <param name="Unblock">Blocked tasks whose dependencies all completed: they may run now.</param>
/// <param name="Cancel">Tasks that will never run, and why.</param>
/// <param name="Fail">Tasks of a phase whose gate a person rejected: they fail without running.</param>
public sealed record WorkflowPlan(
    WorkflowState Status,
    string? Error,
    IReadOnlyDictionary<string, WorkflowState> Phases,
    IReadOnlyList<string> Unblock,
    IReadOnlyList<TaskCancellation> Cancel,
    IReadOnlyList<TaskFailure> Fail);

/// <summary>A task the rules cancel before it ran.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Cause">Why, as data (a retry upstream re-opens it).</param>
/// <param name="Reason">Why, for people: recorded as the task's error.</param>
public sealed record TaskCancellation(string TaskId, CancelCause Cause, string Reason);

/// <summary>A task the rules fail before it ran: its phase's gate was rejected.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Reason">Who rejected the phase and why: recorded as the task's error.</param>
public sealed record TaskFailure(string TaskId, string Reason);
