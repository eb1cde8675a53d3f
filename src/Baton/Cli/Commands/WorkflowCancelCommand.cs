using System.CommandLine;
using Baton.Core.Application.Views;

namespace Baton.Cli.Commands;

/// <summary><c>baton workflow cancel WORKFLOW_ID</c>: cancel every task that has not finished; running ones are stopped.</summary>
internal static class WorkflowCancelCommand
{
    public static Command Create()
    {
        var id = WorkflowCommand.IdArgument();
        var json = CommandAction.JsonOption();
        var command = new Command("cancel", "Cancel a workflow: tasks not started are cancelled at once, running ones have their processes stopped")
        {
            id, json,
        };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var view = WorkflowViews.Of(await runtime.Workflows.CancelAsync(r.GetRequiredValue(id), ct));
            var running = view.Progress.Running;
            if (running > 0 && await runtime.Daemon.PingAsync(ct) is null)
            {
                // Their worker is gone; a daemon must rescue the attempts to stop the leftover processes.
                await runtime.EnsureDaemonAsync(noStart: false, ct);
            }

            if (r.GetValue(json))
            {
                CliOutput.Json(view, ViewJsonContext.Default.WorkflowView);
            }
            else
            {
                Console.Out.WriteLine($"Workflow {view.WorkflowId} cancelled"
                    + (running > 0 ? $"; {running} running task{(running == 1 ? " is" : "s are")} being stopped (check with 'baton workflow status {view.WorkflowId}')" : string.Empty));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
