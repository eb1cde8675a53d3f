using System.CommandLine;
using Baton.Cli.Output;
using Baton.Core.Application.Views;
using Baton.Core.Tasks;

namespace Baton.Cli.Commands;

/// <summary><c>baton task wait ID [--timeout S] [--no-start]</c>: block until the task ends; exit 0 only if it completed.</summary>
internal static class TaskWaitCommand
{
    public static Command Create()
    {
        var id = CommandAction.TaskIdArgument();
        var timeout = new Option<double?>("--timeout") { Description = "Give up after this many seconds (exit 124)", HelpName = "SECONDS" };
        var noStart = new Option<bool>("--no-start") { Description = "Fail instead of starting a daemon when none is running and the task has not ended" };
        var json = CommandAction.JsonOption();
        var command = new Command("wait", "Wait until a task ends; exit 0 if it completed, 1 if not, 124 on --timeout") { id, timeout, noStart, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var taskId = await runtime.Tasks.ResolveIdAsync(r.GetRequiredValue(id), ct);
            await runtime.EnsureDaemonForAsync(!(await runtime.Tasks.GetAsync(taskId, ct)).Task.Status.IsTerminal(), r.GetValue(noStart), ct);
            var time = TimeProvider.System;
            var begun = time.GetTimestamp();
            var limit = r.GetValue(timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : Timeout.InfiniteTimeSpan;
            var pause = TimeSpan.FromMilliseconds(20);
            while (true)
            {
                var details = await runtime.Tasks.GetAsync(taskId, ct);
                var task = details.Task;
                if (task.Status.IsTerminal())
                {
                    if (r.GetValue(json))
                    {
                        CliOutput.Json(Views.Of(task, details.Attempts), ViewJsonContext.Default.TaskView);
                    }
                    else
                    {
                        var took = (task.CompletedAt ?? time.GetUtcNow()) - (task.StartedAt ?? task.CreatedAt);
                        Console.Out.WriteLine($"Task {task.Id} {task.Status.ToWire()} after {TaskPrinter.Duration(took)}" +
                            (task.Status == TaskState.Completed ? string.Empty : $": {task.Error}")
                            + (TaskPrinter.Refused(task) is { } refused ? $" · {refused}" : string.Empty));
                    }

                    return task.Status == TaskState.Completed ? ExitCodes.Success : ExitCodes.TaskUnsuccessful;
                }

                if (limit != Timeout.InfiniteTimeSpan && time.GetElapsedTime(begun) >= limit)
                {
                    CliOutput.Error($"task {taskId} is still {task.Status.ToWire()} after {limit.TotalSeconds:0.#} s");
                    return ExitCodes.WaitTimedOut;
                }

                await Task.Delay(pause, time, ct);
                pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 250));
            }
        });
        return command;
    }
}
