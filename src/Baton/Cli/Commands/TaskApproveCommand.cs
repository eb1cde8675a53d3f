using System.CommandLine;
using Baton.Core.Application;
using Baton.Core.Interactions;

namespace Baton.Cli.Commands;

/// <summary><c>baton task approve ID [--always] [--with-feedback TEXT]</c>: let the agent use the tool, or carry out its plan.</summary>
internal static class TaskApproveCommand
{
    public static Command Create()
    {
        var id = TaskAnswering.IdArgument();
        var always = new Option<bool>("--always") { Description = "Remember the rule for the rest of the agent's session (it does not ask again)" };
        var feedback = new Option<string?>("--with-feedback") { Description = "Something to tell the agent with the approval", HelpName = "TEXT" };
        var json = CommandAction.JsonOption();
        var command = new Command("approve", "Approve what a task waits for: a tool it wants to use, or its plan") { id, always, feedback, json };
        CommandAction.Set(command, json, (r, ct) => TaskAnswering.RespondAsync(r, r.GetRequiredValue(id), json, _ => new InteractionReply(
            InteractionDecision.Approve, TaskAnswering.Text(r.GetValue(feedback), "--with-feedback"), Remember: r.GetValue(always)), ct));
        return command;
    }
}
