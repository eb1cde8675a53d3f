using Baton.Core.Application;
using Baton.Core.Tasks;
using Baton.Core.Workflows;

namespace Baton.Bench.Infrastructure;

/// <summary>The workflows the scenarios run, as blueprints that <see cref="WorkflowService.RunAsync"/> creates started.</summary>
internal static class BenchWorkflows
{
    public static WorkflowBlueprint Blueprint(WorkflowService workflows, string name, IReadOnlyList<BenchPhase> phases, TimeProvider time)
    {
        var workflow = workflows.NewWorkflow(new WorkflowSettings(name), WorkflowState.Running, time.GetUtcNow());
        return new WorkflowBlueprint(
            workflow,
            [.. phases.Select((phase, position) => new PhaseRecord
            {
                PhaseId = phase.Id,
                Name = phase.Id,
                DependsOn = phase.DependsOn,
                Position = position,
                Status = WorkflowState.Pending,
            })],
            [.. phases.SelectMany(phase => phase.Tasks.Select(task =>
                new BlueprintTask(TaskIds.New(), task with { WorkflowId = workflow.Id, PhaseId = phase.Id })))]);
    }

    /// <summary><paramref name="length"/> phases, each waiting for the one before, of <paramref name="width"/> copies of <paramref name="task"/>.</summary>
    public static IReadOnlyList<BenchPhase> Chain(int length, int width, TaskDefinition task) =>
        [.. Enumerable.Range(0, length).Select(i => new BenchPhase($"p{i}", i == 0 ? [] : [$"p{i - 1}"], [.. Enumerable.Repeat(task, width)]))];

    /// <summary>The ids of each phase's tasks, in the blueprint's phase order.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> TaskIdsByPhase(WorkflowBlueprint blueprint) =>
        [.. blueprint.Phases.Select(phase => (IReadOnlyList<string>)[.. blueprint.Tasks.Where(t => t.Definition.PhaseId == phase.PhaseId).Select(t => t.Id)])];
}
