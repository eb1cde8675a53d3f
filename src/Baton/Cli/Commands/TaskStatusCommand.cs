using System.CommandLine;
using Baton.Cli.Output;
using Baton.Core.Application.Views;

namespace Baton.Cli.Commands;

/// <summary><c>baton task status ID</c>: one task with its attempts.</summary>
internal static class TaskStatusCommand
{
    public static Command Create()
    {
        var id = CommandAction.TaskIdArgument();
        var json = CommandAction.JsonOption();
        var command = new Command("status", "Show a task's status, attempts, result or error") { id, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var details = await runtime.Tasks.GetAsync(r.GetRequiredValue(id), ct);
            if (r.GetValue(json))
            {
                CliOutput.Json(Views.Of(details.Task, details.Attempts), ViewJsonContext.Default.TaskView);
            }
            else
            {
                TaskPrinter.PrintDetails(details, TimeProvider.System.GetUtcNow());
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
