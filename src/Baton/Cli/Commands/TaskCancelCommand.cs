using System.CommandLine;
using Baton.Core.Application.Views;
using Baton.Core.Storage;

namespace Baton.Cli.Commands;

/// <summary><c>baton task cancel ID</c>: cancel a queued task at once, or stop a running one.</summary>
internal static class TaskCancelCommand
{
    public static Command Create()
    {
        var id = CommandAction.TaskIdArgument();
        var json = CommandAction.JsonOption();
        var command = new Command("cancel", "Cancel a task; a running one has its whole process tree stopped") { id, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var result = await runtime.Tasks.CancelAsync(r.GetRequiredValue(id), ct);
            var task = result.Task!;
            if (result.Outcome == CancelOutcome.Requested && runtime.Settings.DatabaseServer is null && await runtime.Daemon.PingAsync(ct) is null)
            {
                // Its worker is gone; a daemon must rescue the attempt to stop the leftover processes. On a shared
                // database the attempt runs on a node, which the cancel request reached (or whose attempts the
                // others rescue); a daemon here would serve the API only and stop nothing.
                await runtime.EnsureDaemonAsync(noStart: false, ct);
            }

            if (r.GetValue(json))
            {
                CliOutput.Json(Views.Of(task), ViewJsonContext.Default.TaskView);
            }
            else
            {
                Console.Out.WriteLine(result.Outcome == CancelOutcome.Requested
                    ? $"Task {task.Id} is running; its processes are being stopped (check with 'baton task status {task.Id}')"
                    : $"Task {task.Id} cancelled");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
