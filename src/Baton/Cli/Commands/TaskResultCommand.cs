using System.CommandLine;
using Baton.Core.Application.Views;
using Baton.Core.Errors;
using Baton.Core.Tasks;

namespace Baton.Cli.Commands;

/// <summary><c>baton task result ID</c>: the result of a completed task, as it is (for pipes).</summary>
internal static class TaskResultCommand
{
    public static Command Create()
    {
        var id = CommandAction.TaskIdArgument();
        var json = CommandAction.JsonOption();
        var command = new Command("result", "Print a completed task's result (the tail of its stdout); exit 1 if it did not complete") { id, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var task = (await runtime.Tasks.GetAsync(r.GetRequiredValue(id), ct)).Task;
            if (!task.Status.IsTerminal())
            {
                throw BatonException.Conflict($"task {task.Id} is {task.Status.ToWire()} and has no result yet; 'baton task wait {task.Id}' waits for it");
            }

            if (r.GetValue(json))
            {
                CliOutput.Json(Views.Of(task), ViewJsonContext.Default.TaskView);
            }
            else if (task.Status == TaskState.Completed)
            {
                Console.Out.Write(task.Result);
                if (Output.TaskPrinter.Refused(task) is { } refused)
                {
                    // On stderr, so that a pipe still gets the result alone.
                    CliOutput.Error($"task {task.Id} completed, but {refused}");
                }
            }
            else
            {
                CliOutput.Error($"task {task.Id} {task.Status.ToWire()}: {task.Error}");
            }

            return task.Status == TaskState.Completed ? ExitCodes.Success : ExitCodes.TaskUnsuccessful;
        });
        return command;
    }
}
