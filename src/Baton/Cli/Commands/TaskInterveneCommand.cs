using System.CommandLine;
using Baton.Core.Application;
using Baton.Core.Application.Views;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton task intervene ID --message TEXT</c>: tell a running agent something now, in its session; a task that
/// is not running continues its session with the message, as <c>task continue</c> does.
/// </summary>
internal static class TaskInterveneCommand
{
    public static Command Create()
    {
        var id = CommandAction.TaskIdArgument();
        var message = new Option<string>("--message") { Description = "What the agent is told, e.g. \"Use PostgreSQL instead\"", HelpName = "TEXT", Required = true };
        var json = CommandAction.JsonOption();
        var command = new Command("intervene", "Send a message into a running agent's session now (a task that is not running continues with it)") { id, message, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var text = TaskAnswering.Text(r.GetRequiredValue(message), "--message")!;
            var runtime = await CliRuntime.OpenAsync(ct);
            var intervention = await runtime.Tasks.InterveneAsync(r.GetRequiredValue(id), text, CliRuntime.Caller, ct);
            var task = intervention.Task;
            var said = intervention.Outcome switch
            {
                InterventionOutcome.Sent => $"Message sent to task {task.Id}; its agent gets it now ('baton task logs {task.Id} --follow' shows the reply)",
                InterventionOutcome.Resumed => $"Task {task.Id} was paused; it resumes its agent session with the message",
                _ => $"Task {task.Id} continues its agent session with the message (attempt {task.AttemptCount + 1} is next)",
            };
            if (r.GetValue(json))
            {
                CliOutput.Json(Views.Of(task), ViewJsonContext.Default.TaskView);
            }
            else
            {
                Console.Out.WriteLine(said);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
