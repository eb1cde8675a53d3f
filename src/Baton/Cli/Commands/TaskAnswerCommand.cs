using System.CommandLine;
using Baton.Core.Application;
using Baton.Core.Errors;
using Baton.Core.Interactions;

namespace Baton.Cli.Commands;

/// <summary><c>baton task answer ID TEXT</c> or <c>--option N</c>: answer the question a task's agent asked.</summary>
internal static class TaskAnswerCommand
{
    public static Command Create()
    {
        var id = TaskAnswering.IdArgument();
        var texts = new Argument<string[]>("text") { Description = "The answer (one per question, in order, when it asks several)", Arity = ArgumentArity.ZeroOrMore };
        var options = new Option<string[]>("--option")
        {
            Description = "Pick the Nth offered option (from 1); Q.N picks for question Q (repeatable)", HelpName = "N", AllowMultipleArgumentsPerToken = false,
        };
        var json = CommandAction.JsonOption();
        var command = new Command("answer", "Answer a question a task's agent asked (with text, or by picking an option), or raise a used-up budget (with the new amount in USD)") { id, texts, options, json };
        CommandAction.Set(command, json, (r, ct) => TaskAnswering.RespondAsync(r, r.GetRequiredValue(id), json, interaction =>
        {
            if (interaction.Ask.Kind == InteractionKind.Budget)
            {
                // The new budget, checked by the service (a number above what was spent).
                return new InteractionReply(InteractionDecision.Answer, string.Join(' ', r.GetValue(texts) ?? []), null);
            }

            if (interaction.Ask.Kind == InteractionKind.MergeConflict)
            {
                // "resolved", "abort" or "agent NAME [instructions]", checked by the service and read by the merge task.
                return new InteractionReply(InteractionDecision.Answer, string.Join(' ', r.GetValue(texts) ?? []), null);
            }

            if (interaction.Ask.Kind != InteractionKind.Question)
            {
                throw BatonException.Invalid(
                    $"{interaction.Id} is a {interaction.Ask.Kind.ToWire()}, not a question: approve or deny it ('baton task approve {interaction.Id}')");
            }

            var (answers, message) = InteractionAnswers.Build(interaction, r.GetValue(texts) ?? [], r.GetValue(options) ?? []);
            return new InteractionReply(InteractionDecision.Answer, message, answers);
        }, ct));
        return command;
    }
}
