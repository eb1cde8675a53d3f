using System.CommandLine;
using Baton.Core.Application;
using Baton.Core.Application.Views;
using Baton.Core.Tasks;

namespace Baton.Cli.Commands;

/// <summary><c>baton task fork ID --prompt TEXT</c>: a new task on a copy of a finished agent task's session.</summary>
internal static class TaskForkCommand
{
    public static Command Create()
    {
        var id = CommandAction.TaskIdArgument();
        var prompt = new Option<string?>("--prompt") { Description = "What the copy of the session is asked to do", HelpName = "TEXT" };
        var promptFile = new Option<string?>("--prompt-file") { Description = "Read the prompt from a file", HelpName = "FILE" };
        var name = new Option<string?>("--name") { Description = "The new task's name (default: fork of the original's)", HelpName = "NAME" };
        var model = new Option<string?>("--model") { Description = "Another model for the new task", HelpName = "MODEL" };
        var noStart = new Option<bool>("--no-start") { Description = "Fail instead of starting a daemon when none is running" };
        var json = CommandAction.JsonOption();
        var command = new Command("fork", "Start a new task from a copy of a finished agent task's session; the original session is left as it was")
        {
            id, prompt, promptFile, name, model, noStart, json,
        };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var text = AgentTasks.ReadPrompt(r.GetValue(prompt), r.GetValue(promptFile));
            var runtime = await CliRuntime.OpenAsync(ct);
            await runtime.EnsureDaemonAsync(r.GetValue(noStart), ct);
            var request = new TaskForkRequest { Prompt = text, Name = r.GetValue(name), Model = r.GetValue(model), CreatedBy = CliRuntime.Caller };
            var task = await runtime.Handoffs.ForkAsync(r.GetRequiredValue(id), request, ct);
            var message = $"Task {task.Id} forks the session of task {task.Definition.Session!.TaskId}";
            if (r.GetValue(json))
            {
                CliOutput.Json(new EnqueuedView(task.Id, task.Status.ToWire(), true, message), ViewJsonContext.Default.EnqueuedView);
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
