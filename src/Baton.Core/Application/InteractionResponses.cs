using System.Globalization;
using Baton.Core.Errors;
using Baton.Core.Interactions;

namespace Baton.Core.Application;

/// <summary>
/// Builds a response from the fields REST and MCP take (decision, message, answers, option, remember), refusing what
/// does not go together with a message that says what to send instead.
/// </summary>
public static class InteractionResponses
{
    /// <summary>The longest message, in characters.</summary>
    public const int MaxMessageLength = 64 * 1024;

    /// <summary>The response; throws invalid input for fields that do not fit the decision or the interaction.</summary>
    public static InteractionResponse Build(
        InteractionRecord interaction, InteractionDecision decision, string? message, IReadOnlyDictionary<string, string>? answers, int? option, bool remember, string respondedBy)
    {
        message = string.IsNullOrWhiteSpace(message) ? null : message;
        if (message is { Length: > MaxMessageLength })
        {
            throw BatonException.Invalid($"message is {message.Length} characters long; the limit is {MaxMessageLength}");
        }

        var kind = interaction.Ask.Kind;
        if (!kind.Accepts(decision))
        {
            throw BatonException.Invalid(
                $"{interaction.Id} is a {kind.ToWire()}, which takes {string.Join(" or ", InteractionDecisions.AllNames.Where(n => InteractionDecisions.TryParse(n, out var d) && kind.Accepts(d)))}, not {decision.ToWire()}");
        }

        if (remember && decision != InteractionDecision.Approve)
        {
            throw BatonException.Invalid("remember goes with decision approve (approve always); leave it out");
        }

        if (decision != InteractionDecision.Answer)
        {
            return (answers is { Count: > 0 } || option is not null)
                ? throw BatonException.Invalid("answers and option go with decision answer; leave them out, or answer the question")
                : new InteractionResponse { Decision = decision, Message = message, Remember = remember, RespondedBy = respondedBy };
        }

        if (answers is { Count: > 0 } && option is not null)
        {
            throw BatonException.Invalid("give answers or option, not both");
        }

        var (built, text) = answers is { Count: > 0 }
            ? (InteractionAnswers.Normalize(interaction, answers), message)
            : option is { } picked
                ? (InteractionAnswers.Build(interaction, [], [picked.ToString(CultureInfo.InvariantCulture)]).Answers, message)
                : message is not null
                    ? InteractionAnswers.Build(interaction, [message], [])
                    : throw BatonException.Invalid("an answer needs answers (keyed by question text or number), option (the Nth offered) or message (free text)");
        return new InteractionResponse { Decision = decision, Message = text, Answers = built, RespondedBy = respondedBy };
    }
}
