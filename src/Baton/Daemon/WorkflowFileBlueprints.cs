using Baton.Configuration;
using Baton.Core.Application;
using Baton.Core.Errors;
using Baton.Core.Schedules;
using Baton.Core.Workflows;
using Baton.Core.Workflows.Files;

namespace Baton.Daemon;

/// <summary>
/// A parsed workflow file made into a checked blueprint, the same way for <c>baton workflow run</c> and for a
/// schedule of a workflow: every task checked as <c>task add</c> checks it (each failure naming the task and its line),
/// then the whole graph.
/// </summary>
internal static class WorkflowFileBlueprints
{
    /// <summary>The blueprint of <paramref name="document"/> under <paramref name="workflow"/>; throws naming the first problem.</summary>
    public static async Task<WorkflowBlueprint> BuildAsync(
        WorkflowDocument document, WorkflowRecord workflow, TaskRequestBuilder builder, TaskService tasks, string sourceName, string? searchPath,
        CancellationToken cancellationToken = default)
    {
        var blueprint = document.ToBlueprint(workflow, builder);
        foreach (var (task, built) in document.Phases.SelectMany(p => p.Tasks).Zip(blueprint.Tasks))
        {
            try
            {
                tasks.Validate(built.Definition, searchPath);
                await TaskPreparation.RequireRepositoryForWorktreeAsync(built.Definition, cancellationToken);
            }
            catch (BatonException ex)
            {
                throw new BatonException(ex.Kind, $"{task.Location}: task '{built.Definition.Name}': {ex.Message}", ex);
            }
        }

        try
        {
            WorkflowGraphValidator.CheckStartable(blueprint.ToSnapshot());
        }
        catch (BatonException ex)
        {
            // The workflow does not exist yet, so its id would only puzzle; the file is what the user knows.
            throw new BatonException(ex.Kind, $"{sourceName}: {ex.Message.Replace($"workflow {workflow.Id}", "the workflow", StringComparison.Ordinal)}", ex);
        }

        return blueprint;
    }

    /// <summary>
    /// How a schedule's stored workflow becomes a blueprint, at its adding and at each firing: parsed from its text
    /// with its variables, agents resolved from its working directory (the daemon's home when none was given).
    /// </summary>
    public static ScheduleWorkflowFactory ForSchedules(BatonSettings settings, TaskService tasks, WorkflowService workflows, TimeProvider time) =>
        async (stored, workflowId, createdBy, cancellationToken) =>
        {
            var sourceName = stored.SourceName ?? "workflow";
            var document = WorkflowFile.Parse(stored.Source, sourceName, stored.Vars ?? new Dictionary<string, string>());
            var directory = stored.WorkingDirectory ?? Environment.GetEnvironmentVariable("HOME") ?? "/";
            var workflow = workflows.NewWorkflow(document.Settings with { CreatedBy = createdBy }, WorkflowState.Running, time.GetUtcNow()) with { Id = workflowId };
            return await BuildAsync(document, workflow, TaskPreparation.Builder(settings.AgentDirectories, directory), tasks, sourceName,
                Environment.GetEnvironmentVariable("PATH"), cancellationToken);
        };
}
