using Baton.Core.Attempts;
using Baton.Core.Runners.Agents;
using Baton.Core.Sessions;
using Baton.Core.Storage;

namespace Baton.Core.Engine;

/// <summary>
/// Which agent session an attempt takes up, if any, and what it tells it. An attempt of the task's own session comes
/// first (an interrupted one, or the one before a follow-up); otherwise a task that takes up another task's session
/// resumes (or forks) that task's latest session, on its first attempt and on any retry that has no session of its own
/// to go on with, so that a retry does not lose the context the task was queued for.
/// </summary>
/// <param name="SessionId">The session to resume; null for a new one.</param>
/// <param name="Prompt">What the resumed session is told; null for Baton's "continue" note.</param>
/// <param name="Fork">Whether a copy of the session is resumed, the original left as it was.</param>
/// <param name="From">The attempt the session comes from, whose running totals this attempt's cost and tokens are net of.</param>
internal sealed record SessionChoice(string? SessionId, string? Prompt, bool Fork, PreviousAttempt? From)
{
    /// <summary>What a claimed attempt resumes.</summary>
    public static SessionChoice For(Claim claim)
    {
        var followUp = claim.Task.FollowUp;
        switch (claim.Previous)
        {
            case { Status: AttemptState.Interrupted, SessionId: not null } interrupted:
                return new SessionChoice(interrupted.SessionId, followUp, false, interrupted);
            case { SessionId: not null } previous when followUp is not null:
                return new SessionChoice(previous.SessionId, followUp, false, previous);
        }

        if (claim.Task.Definition.Session is { } source && claim.SessionSource is { SessionId: { } taken } from)
        {
            return new SessionChoice(taken, followUp ?? AgentPrompts.ForTask(claim.Task), source.Use == SessionUse.Fork, from);
        }

        return new SessionChoice(null, followUp, false, claim.Previous);
    }
}
