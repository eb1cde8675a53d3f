using System.CommandLine;
using Baton.Core.Application.Views;
using Baton.Core.Storage;

namespace Baton.Cli.Commands;

/// <summary><c>baton task pause ID [--reason TEXT]</c>: hold a task; a running agent is interrupted with its session kept.</summary>
internal static class TaskPauseCommand
{
    public static Command Create()
    {
        var id = CommandAction.TaskIdArgument();
        var reason = new Option<string?>("--reason") { Description = "Why, for whoever looks at the task", HelpName = "TEXT" };
        var json = CommandAction.JsonOption();
        var command = new Command("pause", "Pause a task: a queued one is not started; a running agent is interrupted, its session kept for 'task resume'") { id, reason, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var because = TaskAnswering.Text(r.GetValue(reason), "--reason");
            var runtime = await CliRuntime.OpenAsync(ct);
            var result = await runtime.Tasks.PauseAsync(r.GetRequiredValue(id), because, ct);
            var task = result.Task!;
            if (r.GetValue(json))
            {
                CliOutput.Json(Views.Of(task), ViewJsonContext.Default.TaskView);
            }
            else
            {
                Console.Out.WriteLine(result.Outcome == TaskChangeOutcome.Requested
                    ? $"Task {task.Id} is running; its agent is being interrupted and the task becomes paused shortly ('baton task resume {task.Id}' continues it)"
                    : $"Task {task.Id} paused ('baton task resume {task.Id}' continues it)");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
