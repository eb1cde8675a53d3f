using Baton.Core.Tasks;
using Baton.Core.Workflows;
using Baton.Storage.Sqlite.Tests.Testing;

namespace Baton.Storage.Sqlite.Tests.Workflows;

/// <summary>Builds a workflow blueprint by name: phases, then tasks that name their phase and the tasks they depend on.</summary>
internal sealed class TestWorkflow
{
    private readonly List<PhaseRecord> phases = [];
    private readonly List<BlueprintTask> tasks = [];
    private readonly Dictionary<string, string> ids = new(StringComparer.Ordinal);

    public string Id { get; } = TaskIds.New();

    /// <summary>The id given to the task called <paramref name="name"/>.</summary>
    public string this[string name] => ids[name];

    public TestWorkflow Phase(string id, params string[] dependsOn)
    {
        phases.Add(new PhaseRecord { PhaseId = id, Name = id, DependsOn = dependsOn, Position = phases.Count, Status = WorkflowState.Draft });
        return this;
    }

    public TestWorkflow Task(string phase, string name, params string[] dependsOn)
    {
        var id = TaskIds.New();
        ids[name] = id;
        tasks.Add(new BlueprintTask(id, TestTasks.Definition(name) with { PhaseId = phase, DependsOn = [.. dependsOn.Select(d => ids[d])] }));
        return this;
    }

    /// <summary>A definition for a task added later to phase <paramref name="phase"/> of this workflow.</summary>
    public TaskDefinition Definition(string phase, string name, params string[] dependsOn) =>
        TestTasks.Definition(name) with { WorkflowId = Id, PhaseId = phase, DependsOn = [.. dependsOn.Select(d => ids[d])] };

    /// <summary>Remembers the id of a task added later.</summary>
    public void Remember(string name, string id) => ids[name] = id;

    public WorkflowBlueprint Blueprint(WorkflowState status = WorkflowState.Running, FailurePolicy policy = FailurePolicy.FailFast, UpstreamLimits? limits = null) => new(
        new WorkflowRecord
        {
            Id = Id,
            Name = "release",
            Status = status,
            FailurePolicy = policy,
            UpstreamLimits = limits ?? UpstreamLimits.Default,
            CreatedAt = TestTasks.Now,
            UpdatedAt = TestTasks.Now,
            StartedAt = status == WorkflowState.Draft ? null : TestTasks.Now,
        },
        [.. phases],
        [.. tasks]);
}
