using Baton.Core.Attempts;

namespace Baton.Core.Sessions;

/// <summary>An attempt that ran in an agent session, with what a session list shows of its task.</summary>
/// <param name="SessionId">The agent session (Claude session, Codex thread, Gemini session).</param>
/// <param name="TaskName">Its task's name.</param>
/// <param name="Runner">The runner that ran it.</param>
/// <param name="AgentName">Its task's agent, if it has one.</param>
/// <param name="WorkingDirectory">Where its task works (the repository, for a task in a worktree).</param>
/// <param name="WorktreeBranch">The branch of the worktree it ran in, if it ran in one.</param>
/// <param name="Attempt">The attempt itself: number, status, times, usage and cost.</param>
public sealed record SessionAttempt(
    string SessionId,
    string TaskName,
    string Runner,
    string? AgentName,
    string WorkingDirectory,
    string? WorktreeBranch,
    AttemptRecord Attempt);
