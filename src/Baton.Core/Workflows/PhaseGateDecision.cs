using Baton.Core.Interactions;

namespace Baton.Core.Workflows;

/// <summary>How a person decided a phase's gate.</summary>
/// <param name="Decision">Approve (its tasks start) or deny (the phase fails).</param>
/// <param name="Message">Feedback added to its tasks' upstream context on approval; the reason on rejection.</param>
/// <param name="DecidedBy">Who decided.</param>
/// <param name="DecidedAt">When.</param>
public sealed record PhaseGateDecision(InteractionDecision Decision, string? Message, string DecidedBy, DateTimeOffset DecidedAt)
{
    /// <summary>True for an approval.</summary>
    public bool Approved => Decision == InteractionDecision.Approve;

    /// <summary>Why the phase failed, for its tasks' errors and the workflow's: who rejected it and what they said.</summary>
    public string RejectionText(string phaseId) =>
        $"phase '{phaseId}' was rejected by {DecidedBy}" + (string.IsNullOrWhiteSpace(Message) ? string.Empty : $": {Message.Trim()}");

    /// <summary>The approver's feedback as a section of the upstream context its tasks receive; null without feedback.</summary>
    public string? FeedbackSection(string phaseId) =>
        !Approved || string.IsNullOrWhiteSpace(Message)
            ? null
            : $"## Feedback from {DecidedBy}, who approved phase '{phaseId}'\n{Message.Trim()}\n";
}
