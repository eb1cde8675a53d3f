using Baton.Core.Tasks;

namespace Baton.Core.Application;

/// <summary>A handoff: the task that takes the work over, and the request for a capsule it waits for, if one was needed.</summary>
/// <param name="SourceId">The task whose work is handed off.</param>
/// <param name="Task">The new task for the receiving agent.</param>
/// <param name="CapsuleRequest">
/// The task that asks the source's session to save a capsule first (the source saved none); null when a capsule was
/// there and went into the new task's prompt.
/// </param>
/// <param name="WithoutCapsule">
/// True when an earlier handoff's request (<paramref name="CapsuleRequest"/>, ended) brought no capsule: the new task
/// starts at once, from the source's result.
/// </param>
public sealed record HandoffResult(string SourceId, TaskRecord Task, TaskRecord? CapsuleRequest, bool WithoutCapsule = false);
