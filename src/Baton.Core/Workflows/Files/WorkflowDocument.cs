using Baton.Core.Application;
using Baton.Core.Errors;
using Baton.Core.Tasks;

namespace Baton.Core.Workflows.Files;

/// <summary>A workflow file, parsed (see <see cref="WorkflowFile.Parse"/>): the workflow's settings and its phases.</summary>
/// <param name="Settings">Name, description, failure policy and upstream caps.</param>
/// <param name="Phases">The phases in file order.</param>
public sealed record WorkflowDocument(WorkflowSettings Settings, IReadOnlyList<PhaseDocument> Phases)
{
    /// <summary>
    /// The blueprint to create: every task gets a new id, task keys in <c>depends_on</c> become those ids, and each task
    /// is built by <paramref name="builder"/> (which resolves agents) into <paramref name="workflow"/> and its phase.
    /// Throws invalid input for a <c>depends_on</c> key that no task of the file has; errors of the builder (an unknown
    /// agent, say) keep their kind and say which task they are about.
    /// </summary>
    public WorkflowBlueprint ToBlueprint(WorkflowRecord workflow, TaskRequestBuilder builder)
    {
        var tasks = Phases.SelectMany(p => p.Tasks.Select(t => (Phase: p, Task: t, Id: TaskIds.New()))).ToList();
        var idsByKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, task, id) in tasks)
        {
            if (task.Key is { } key && !idsByKey.TryAdd(key, id))
            {
                throw BatonException.Invalid($"{At(task)}two tasks have the id '{key}'; task ids must be unique within a workflow file");
            }
        }

        var blueprintTasks = tasks.Select(t =>
        {
            var dependsOn = (t.Task.Request.DependsOn ?? []).Select(key => idsByKey.TryGetValue(key, out var id)
                ? id
                : throw BatonException.Invalid($"{At(t.Task)}task '{NameOf(t.Task)}' depends on '{key}', which is not the id of a task in this file; "
                    + (idsByKey.Count == 0 ? "no task has an id: give the task it needs one with 'id:'" : $"the task ids are {string.Join(", ", idsByKey.Keys.Select(k => $"'{k}'"))}")));
            var request = t.Task.Request with { DependsOn = [.. dependsOn] };
            TaskDefinition definition;
            try
            {
                definition = builder.Build(request);
            }
            catch (BatonException ex)
            {
                throw new BatonException(ex.Kind, $"{At(t.Task)}task '{NameOf(t.Task)}': {ex.Message}", ex);
            }

            return new BlueprintTask(t.Id, definition with { PhaseId = t.Phase.Id, WorkflowId = workflow.Id, CreatedBy = workflow.CreatedBy });
        }).ToList();

        var phases = Phases.Select((p, index) => new PhaseRecord
        {
            PhaseId = p.Id,
            Name = string.IsNullOrWhiteSpace(p.Name) ? p.Id : p.Name.Trim(),
            DependsOn = p.DependsOn,
            Position = index,
            Status = WorkflowState.Draft,
            RequiresApproval = p.RequiresApproval,
        }).ToList();
        return new WorkflowBlueprint(workflow, phases, blueprintTasks);
    }

    private static string At(TaskDocument task) => task.Location.Length == 0 ? string.Empty : task.Location + ": ";

    private static string NameOf(TaskDocument task) => task.Request.Name ?? task.Key ?? "(unnamed)";
}
