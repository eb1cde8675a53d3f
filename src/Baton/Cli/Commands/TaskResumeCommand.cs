using System.CommandLine;
using Baton.Core.Application.Views;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Cli.Commands;

/// <summary><c>baton task resume ID [--message TEXT]</c>: continue a paused task in the same agent session.</summary>
internal static class TaskResumeCommand
{
    public static Command Create()
    {
        var id = CommandAction.TaskIdArgument();
        var message = new Option<string?>("--message") { Description = "Something to tell the agent as it resumes", HelpName = "TEXT" };
        var noStart = new Option<bool>("--no-start") { Description = "Fail instead of starting a daemon when none is running" };
        var json = CommandAction.JsonOption();
        var command = new Command("resume", "Resume a paused task: it is queued again and its agent continues the same session") { id, message, noStart, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var text = TaskAnswering.Text(r.GetValue(message), "--message");
            var runtime = await CliRuntime.OpenAsync(ct);
            await runtime.EnsureDaemonAsync(r.GetValue(noStart), ct);
            var result = await runtime.Tasks.ResumeAsync(r.GetRequiredValue(id), text, ct);
            var task = result.Task!;
            if (r.GetValue(json))
            {
                CliOutput.Json(Views.Of(task), ViewJsonContext.Default.TaskView);
            }
            else
            {
                Console.Out.WriteLine(result.Outcome == TaskChangeOutcome.Requested
                    ? $"Task {task.Id} was not paused yet; the pause is withdrawn and it keeps running"
                    : $"Task {task.Id} resumed ({task.Status.ToWire()})");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
