using Baton.Core.Application;
using Baton.Core.Errors;
using Baton.Core.Tasks;
using Baton.Core.Workflows;

namespace Baton.Core.Schedules;

/// <summary>
/// What schedules of a workflow need of the workflow layer: check the stored file, start it under an occurrence's
/// deterministic id (a second start of the same id finds the first workflow and creates nothing), and cancel a run
/// for overlap cancel_other.
/// </summary>
/// <param name="workflows">Creates, starts and cancels workflows.</param>
/// <param name="build">Parses and checks the stored file.</param>
/// <param name="searchPath">PATH to find the programs of command tasks, as the factory checked them.</param>
public sealed class ScheduleWorkflows(WorkflowService workflows, ScheduleWorkflowFactory build, string? searchPath)
{
    /// <summary>Checks <paramref name="workflow"/> fully, as if it were to start now; throws invalid input naming the problem.</summary>
    public Task CheckAsync(ScheduleWorkflow workflow, string? createdBy, CancellationToken cancellationToken = default) =>
        build(workflow, TaskIds.New(), createdBy, cancellationToken);

    /// <summary>The occurrence's workflow, checked and built under its deterministic id.</summary>
    public Task<WorkflowBlueprint> BuildAsync(ScheduleRecord schedule, DateTimeOffset plannedAt, CancellationToken cancellationToken = default) =>
        build(schedule.Definition.Spec.Workflow ?? throw new InvalidOperationException($"schedule {schedule.Name} runs a task, not a workflow"),
            OccurrenceIds.WorkflowId(schedule.Name, plannedAt), schedule.CreatedBy, cancellationToken);

    /// <summary>Creates and starts <paramref name="blueprint"/>; if its id exists already (an earlier try of the same occurrence), that workflow stands.</summary>
    public Task StartAsync(WorkflowBlueprint blueprint, CancellationToken cancellationToken = default) =>
        workflows.RunAsync(blueprint, searchPath, cancellationToken);

    /// <summary>Cancels a running workflow; one that ended meanwhile is left as it is. True if it was asked to stop.</summary>
    public async Task<bool> CancelAsync(string workflowId, CancellationToken cancellationToken = default)
    {
        try
        {
            await workflows.CancelAsync(workflowId, cancellationToken);
            return true;
        }
        catch (BatonException ex) when (ex.Kind is ErrorKind.Conflict or ErrorKind.NotFound)
        {
            return false;
        }
    }
}
