using System.CommandLine;
using Baton.Cli.Output;
using Baton.Core.Application.Views;
using Baton.Core.Interactions;
using Baton.Core.Tasks;

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
            var now = TimeProvider.System.GetUtcNow();
            var open = details.Task.Status.IsTerminal()
                ? []
                : await runtime.Interactions.ListAsync(new InteractionQuery(InteractionStatus.Open, details.Task.Id, Limit: 1), ct);
            var waitingFor = open.Count > 0 ? InteractionViews.Of(open[0], now, details.Task.Definition.Name) : null;
            if (r.GetValue(json))
            {
                CliOutput.Json(Views.Of(details.Task, details.Attempts) with { OpenInteraction = waitingFor }, ViewJsonContext.Default.TaskView);
            }
            else
            {
                TaskPrinter.PrintDetails(details, now, waitingFor);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
