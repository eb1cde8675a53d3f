namespace Baton.Core.Workflows;

/// <summary>A workflow, its phases (in the order they were added) and its tasks, read in one transaction.</summary>
public sealed record WorkflowSnapshot(WorkflowRecord Workflow, IReadOnlyList<PhaseRecord> Phases, IReadOnlyList<TaskNode> Tasks);
