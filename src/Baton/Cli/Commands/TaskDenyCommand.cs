using System.CommandLine;
using Baton.Core.Application;
using Baton.Core.Interactions;

namespace Baton.Cli.Commands;

/// <summary><c>baton task deny ID [--message TEXT]</c>: refuse what a task asks, with a reason the agent sees.</summary>
internal static class TaskDenyCommand
{
    public static Command Create()
    {
        var id = TaskAnswering.IdArgument();
        var message = new Option<string?>("--message") { Description = "Why, or what to do instead: the agent reads it", HelpName = "TEXT" };
        var json = CommandAction.JsonOption();
        var command = new Command("deny", "Refuse what a task waits for (a tool, a plan, a question), telling the agent why") { id, message, json };
        CommandAction.Set(command, json, (r, ct) => TaskAnswering.RespondAsync(r, r.GetRequiredValue(id), json, _ => new InteractionReply(InteractionDecision.Deny, TaskAnswering.Text(r.GetValue(message), "--message")), ct));
        return command;
    }
}
