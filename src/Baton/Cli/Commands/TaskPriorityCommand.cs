using System.CommandLine;
using Baton.Core.Application.Views;
using Baton.Core.Errors;
using Baton.Core.Tasks;

namespace Baton.Cli.Commands;

/// <summary><c>baton task priority ID LEVEL</c>: change the priority of a task that has not started.</summary>
internal static class TaskPriorityCommand
{
    public static Command Create()
    {
        var id = CommandAction.TaskIdArgument();
        var level = new Argument<string>("level") { Description = "critical, high, normal or low" };
        var json = CommandAction.JsonOption();
        var command = new Command("priority", "Change the priority of a task that is not running yet (pending, retrying or paused)") { id, level, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var text = r.GetRequiredValue(level);
            if (!TaskPriorities.TryParse(text, out var priority))
            {
                throw BatonException.Invalid($"priority '{text}' is not one of {string.Join(", ", TaskPriorities.AllNames)}");
            }

            var runtime = await CliRuntime.OpenAsync(ct);
            var task = await runtime.Tasks.SetPriorityAsync(r.GetRequiredValue(id), priority, ct);
            if (r.GetValue(json))
            {
                CliOutput.Json(Views.Of(task), ViewJsonContext.Default.TaskView);
            }
            else
            {
                Console.Out.WriteLine($"Task {task.Id} now has priority {task.Definition.Priority.ToWire()}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
