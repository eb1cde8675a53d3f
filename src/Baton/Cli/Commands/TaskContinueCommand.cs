using System.CommandLine;
using Baton.Core.Application.Views;
using Baton.Core.Tasks;

namespace Baton.Cli.Commands;

/// <summary><c>baton task continue ID --prompt TEXT</c>: a follow-up to an ended agent task, in the same session.</summary>
internal static class TaskContinueCommand
{
    public static Command Create()
    {
        var id = CommandAction.TaskIdArgument();
        var prompt = new Option<string?>("--prompt") { Description = "The follow-up", HelpName = "TEXT" };
        var promptFile = new Option<string?>("--prompt-file") { Description = "Read the follow-up from a file", HelpName = "FILE" };
        var noStart = new Option<bool>("--no-start") { Description = "Fail instead of starting a daemon when none is running" };
        var json = CommandAction.JsonOption();
        var command = new Command("continue", "Send a follow-up to an ended agent task: a new attempt that resumes the agent's session")
        {
            id, prompt, promptFile, noStart, json,
        };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var followUp = AgentTasks.ReadPrompt(r.GetValue(prompt), r.GetValue(promptFile));
            var runtime = await CliRuntime.OpenAsync(ct);
            await runtime.EnsureDaemonAsync(r.GetValue(noStart), ct);
            var task = await runtime.Tasks.ContinueAsync(r.GetRequiredValue(id), followUp, ct);
            var message = $"Task {task.Id} continues in its agent session (attempt {task.AttemptCount + 1} is next)";
            if (r.GetValue(json))
            {
                CliOutput.Json(new EnqueuedView(task.Id, task.Status.ToWire(), false, message), ViewJsonContext.Default.EnqueuedView);
            }
            else
            {
                Console.Out.WriteLine(message);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
