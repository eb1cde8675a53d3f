using Baton.Core.Tasks;

namespace Baton.Core.Workflows;

/// <summary>A whole workflow to create at once: from a YAML file, or an empty draft to build step by step.</summary>
/// <param name="Workflow">The workflow (its status says whether it starts at once).</param>
/// <param name="Phases">Its phases.</param>
/// <param name="Tasks">Its tasks with their ids; each definition names its phase and its task dependencies by id.</param>
public sealed record WorkflowBlueprint(WorkflowRecord Workflow, IReadOnlyList<PhaseRecord> Phases, IReadOnlyList<BlueprintTask> Tasks)
{
    /// <summary>The blueprint as the graph rules see it.</summary>
    public WorkflowSnapshot ToSnapshot() => new(
        Workflow,
        Phases,
        [.. Tasks.Select(t => new TaskNode(t.Id, t.Definition.Name, t.Definition.PhaseId, TaskState.Pending, Blocked: true, t.Definition.DependsOn))]);
}

/// <summary>A task of a blueprint.</summary>
public sealed record BlueprintTask(string Id, TaskDefinition Definition);
