using System.CommandLine;
using Baton.Core.Application.Views;
using Baton.Core.Tasks;

namespace Baton.Cli.Commands;

/// <summary><c>baton task retry ID</c>: queue a failed, cancelled or timed-out task again.</summary>
internal static class TaskRetryCommand
{
    public static Command Create()
    {
        var id = CommandAction.TaskIdArgument();
        var noStart = new Option<bool>("--no-start") { Description = "Fail instead of starting a daemon when none is running" };
        var json = CommandAction.JsonOption();
        var command = new Command("retry", "Queue a failed, cancelled or timed-out task again, with a fresh retry budget") { id, noStart, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            await runtime.EnsureDaemonAsync(r.GetValue(noStart), ct);
            var task = await runtime.Tasks.RetryAsync(r.GetRequiredValue(id), ct);
            if (r.GetValue(json))
            {
                CliOutput.Json(new EnqueuedView(task.Id, task.Status.ToWire(), false, $"Task {task.Id} queued again"), ViewJsonContext.Default.EnqueuedView);
            }
            else
            {
                Console.Out.WriteLine($"Task {task.Id} queued again (attempt {task.AttemptCount + 1} is next)");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
