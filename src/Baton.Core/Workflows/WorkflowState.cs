namespace Baton.Core.Workflows;

/// <summary>The status of a workflow or of one of its phases (a public contract; wire names in <see cref="WorkflowStates"/>).</summary>
public enum WorkflowState
{
    /// <summary>A workflow being built: its tasks exist but none may run until it is started.</summary>
    Draft,
    /// <summary>A phase waiting for the phases it depends on.</summary>
    Pending,
    /// <summary>Started: its tasks run as their dependencies complete.</summary>
    Running,
    /// <summary>
    /// A phase marked <c>requires_approval</c> whose dependencies completed: its tasks wait until a person approves
    /// (or rejects) its gate.
    /// </summary>
    InputRequired,
    /// <summary>A workflow a person paused: nothing of it starts until it is resumed.</summary>
    Paused,
    /// <summary>Every task completed.</summary>
    Completed,
    /// <summary>A task failed for good (or, under fail_fast, the first failure ended it).</summary>
    Failed,
    /// <summary>Cancelled by a user, or (a phase) never run because something it needed failed.</summary>
    Cancelled,
}
