namespace Baton.Core.Sessions;

/// <summary>A saved capsule: who saved it, in which task, attempt and agent session, and when.</summary>
/// <param name="Id">Its id (<c>cap_</c> and 26 base32 characters, time-ordered).</param>
/// <param name="TaskId">The task whose agent saved it.</param>
/// <param name="AttemptNumber">The attempt that was running, when known.</param>
/// <param name="SessionId">The agent session (Claude session, Codex thread, Gemini session), when known.</param>
/// <param name="WorkflowId">The task's workflow, if it has one.</param>
/// <param name="Agent">The agent's name, or the runner's for a task without one.</param>
/// <param name="CreatedAt">When it was saved.</param>
/// <param name="Capsule">The capsule itself.</param>
public sealed record CapsuleRecord(
    string Id,
    string TaskId,
    int? AttemptNumber,
    string? SessionId,
    string? WorkflowId,
    string Agent,
    DateTimeOffset CreatedAt,
    ContextCapsule Capsule);
