using System.CommandLine;
using Baton.Core.Application.Views;

namespace Baton.Cli.Commands;

/// <summary><c>baton workflow pause WORKFLOW_ID</c>: hold everything in a workflow that has not finished.</summary>
internal static class WorkflowPauseCommand
{
    public static Command Create()
    {
        var id = WorkflowCommand.IdArgument();
        var json = CommandAction.JsonOption();
        var command = new Command("pause", "Pause a workflow: waiting tasks are held, running agents are interrupted with their sessions kept, nothing new starts until 'resume'")
        {
            id, json,
        };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var view = WorkflowViews.Of(await runtime.Workflows.PauseAsync(r.GetRequiredValue(id), CliRuntime.Caller, ct));
            if (r.GetValue(json))
            {
                CliOutput.Json(view, ViewJsonContext.Default.WorkflowView);
            }
            else
            {
                var running = view.Progress.Running;
                Console.Out.WriteLine($"Workflow {view.WorkflowId} paused"
                    + (running > 0 ? $"; {running} running task{(running == 1 ? " is" : "s are")} being interrupted" : string.Empty)
                    + $"; 'baton workflow resume {view.WorkflowId}' releases it");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
