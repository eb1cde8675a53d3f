using Baton.Core.Tasks;

namespace Baton.Core.Workflows;

/// <summary>Where a task sits in the graph, as the advancer needs it to decide what to look at next.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="WorkflowId">Its workflow, or null for a task on its own.</param>
/// <param name="Status">Its status.</param>
/// <param name="Blocked">True while it waits for its dependencies.</param>
/// <param name="HasDependents">True once another task depends on it.</param>
public sealed record TaskPlace(string TaskId, string? WorkflowId, TaskState Status, bool Blocked, bool HasDependents);
