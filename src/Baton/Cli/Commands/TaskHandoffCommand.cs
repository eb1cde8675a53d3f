using System.CommandLine;
using Baton.Core.Application.Views;

namespace Baton.Cli.Commands;

/// <summary><c>baton task handoff ID --to AGENT</c>: a finished task's work, with its capsule, to a new session.</summary>
internal static class TaskHandoffCommand
{
    public static Command Create()
    {
        var id = CommandAction.TaskIdArgument();
        var to = new Option<string>("--to") { Description = "The agent that takes the work over (the same one for a fresh session)", HelpName = "AGENT", Required = true };
        var prompt = new Option<string?>("--prompt") { Description = "What it is asked to do after reading the capsule (default: continue the work)", HelpName = "TEXT" };
        var promptFile = new Option<string?>("--prompt-file") { Description = "Read the prompt from a file", HelpName = "FILE" };
        var noStart = new Option<bool>("--no-start") { Description = "Fail instead of starting a daemon when none is running" };
        var json = CommandAction.JsonOption();
        var command = new Command("handoff", "Hand a finished agent task's work to an agent in a new session, starting from its saved context capsule")
        {
            id, to, prompt, promptFile, noStart, json,
        };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var given = r.GetValue(prompt) is null && r.GetValue(promptFile) is null ? null : AgentTasks.ReadPrompt(r.GetValue(prompt), r.GetValue(promptFile));
            var runtime = await CliRuntime.OpenAsync(ct);
            await runtime.EnsureDaemonAsync(r.GetValue(noStart), ct);
            var result = await runtime.Handoffs.HandoffAsync(r.GetRequiredValue(id), r.GetRequiredValue(to), given, CliRuntime.Caller, ct);
            var view = HandoffView.Of(result);
            if (r.GetValue(json))
            {
                CliOutput.Json(view, ViewJsonContext.Default.HandoffView);
            }
            else
            {
                Console.Out.WriteLine(view.Message);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
