using System.CommandLine;
using Baton.Core.Application.Views;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton milestone MESSAGE [--task ID] [--workflow ID]</c>: announce that a task or workflow reached a milestone.
/// Inside a running task, BATON_TASK_ID (and BATON_WORKFLOW_ID) name it, so a script just runs
/// <c>baton milestone "schema migrated"</c>.
/// </summary>
internal static class MilestoneCommand
{
    public static Command Create()
    {
        var message = new Argument<string>("message") { Description = "What was reached (at most 4 KiB)" };
        var task = new Option<string?>("--task") { Description = "The task (default: $BATON_TASK_ID, set inside a running task)", HelpName = "TASK_ID" };
        var workflow = new Option<string?>("--workflow") { Description = "The workflow (default: $BATON_WORKFLOW_ID when no --task is given)", HelpName = "WORKFLOW_ID" };
        var json = CommandAction.JsonOption();
        var command = new Command("milestone", "Announce a milestone of a task or workflow: its owner is notified, hooks and webhooks see a milestone event")
        {
            message, task, workflow, json,
        };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var (taskId, workflowId) = Target(r.GetValue(task), r.GetValue(workflow));
            var runtime = await CliRuntime.OpenAsync(ct);
            var appended = await CliNotifications.Create(runtime).AnnounceMilestoneAsync(taskId, workflowId, r.GetRequiredValue(message), ct);
            if (r.GetValue(json))
            {
                CliOutput.Json(EventView.Of(appended), ViewJsonContext.Default.EventView);
            }
            else
            {
                // On stderr: inside a task, stdout is the task's result, which a confirmation must not end.
                CliOutput.Note($"Milestone recorded for {(appended.TaskId is { } id ? $"task {id}" : $"workflow {appended.WorkflowId}")} (event {appended.Id})");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Flags win; with neither, the environment a task runs in. An explicit --task does not pick up the workflow from
    /// the environment, nor --workflow the task, so that naming one never mixes in another.
    /// </summary>
    private static (string? Task, string? Workflow) Target(string? task, string? workflow)
    {
        if (task is not null || workflow is not null)
        {
            return (task, workflow);
        }

        var fromTask = Environment.GetEnvironmentVariable("BATON_TASK_ID") is { Length: > 0 } t ? t : null;
        var fromWorkflow = Environment.GetEnvironmentVariable("BATON_WORKFLOW_ID") is { Length: > 0 } w ? w : null;
        return (fromTask, fromTask is null ? fromWorkflow : null);
    }
}
