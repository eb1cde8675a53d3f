using System.CommandLine;
using Baton.Core.Application.Views;

namespace Baton.Cli.Commands;

/// <summary><c>baton workflow resume WORKFLOW_ID</c>: release everything a paused workflow held.</summary>
internal static class WorkflowResumeCommand
{
    public static Command Create()
    {
        var id = WorkflowCommand.IdArgument();
        var json = CommandAction.JsonOption();
        var command = new Command("resume", "Resume a paused workflow: its held tasks go back to the queue (paused agents continue their sessions); starts a daemon if none runs")
        {
            id, json,
        };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var view = WorkflowViews.Of(await runtime.Workflows.ResumeAsync(r.GetRequiredValue(id), ct));
            await runtime.EnsureDaemonAsync(noStart: false, ct);
            if (r.GetValue(json))
            {
                CliOutput.Json(view, ViewJsonContext.Default.WorkflowView);
            }
            else
            {
                Console.Out.WriteLine($"Workflow {view.WorkflowId} resumed; follow it with 'baton workflow status {view.WorkflowId}'");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
