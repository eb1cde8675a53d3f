using Baton.Core.Interactions;

namespace Baton.Core.Application;

/// <summary>
/// A person's answer to an interaction as a front end received it, before <see cref="InteractionService"/> checks it
/// against what was asked.
/// </summary>
/// <param name="Decision">approve, deny or answer; it must suit the interaction's kind.</param>
/// <param name="Message">
/// A denial's reason, an approval's feedback, or a question's free-text answer (taken as the answer to its only
/// question when no per-question answers are given).
/// </param>
/// <param name="Answers">A question's answers keyed by the question's text; only for questions.</param>
/// <param name="Option">Picks the Nth option (from 1) of a question that asks one thing; only for questions.</param>
/// <param name="Remember">Approve (or deny) "always": the agent's CLI remembers the rule for the session; only for tool approvals.</param>
public sealed record InteractionReply(
    InteractionDecision Decision,
    string? Message = null,
    IReadOnlyDictionary<string, string>? Answers = null,
    int? Option = null,
    bool Remember = false);
