namespace Baton.Core.Sessions;

/// <summary>
/// An agent session Baton ran: <c>baton session list|show</c> and <c>/api/v1/sessions</c>. Tokens and cost are summed
/// over its attempts; <see cref="Attempts"/> is filled by show only.
/// </summary>
public sealed record SessionView
{
    public required string Id { get; init; }

    /// <summary>The runner that ran it (claude, codex, gemini).</summary>
    public required string Runner { get; init; }

    /// <summary>The agent's name, or the runner's for tasks without one.</summary>
    public required string Agent { get; init; }

    /// <summary>Where it worked: its latest task's working directory.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>The branch of the worktree it worked in, if its latest task ran in one.</summary>
    public string? WorktreeBranch { get; init; }

    public required IReadOnlyList<SessionTaskView> Tasks { get; init; }

    public required int AttemptCount { get; init; }

    public required long InputTokens { get; init; }

    public required long OutputTokens { get; init; }

    public required long CacheReadTokens { get; init; }

    public required long CacheWriteTokens { get; init; }

    /// <summary>The summed cost in USD, or null when no attempt reported one.</summary>
    public decimal? CostUsd { get; init; }

    /// <summary>True when part of <see cref="CostUsd"/> is Baton's estimate from the tokens (the CLI reported no cost); null otherwise.</summary>
    public bool? CostEstimated { get; init; }

    public required DateTimeOffset FirstActivity { get; init; }

    public required DateTimeOffset LastActivity { get; init; }

    /// <summary>The newest capsule saved in it, whichever task saved it.</summary>
    public CapsuleView? LatestCapsule { get; init; }

    /// <summary>Its attempts, oldest first (show only; null in a list).</summary>
    public IReadOnlyList<SessionAttemptView>? Attempts { get; init; }
}
