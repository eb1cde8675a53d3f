namespace Baton.Core.Attempts;

/// <summary>One execution of a task, as stored.</summary>
public sealed record AttemptRecord
{
    /// <summary>Task and number.</summary>
    public required AttemptKey Key { get; init; }

    /// <summary>Current status.</summary>
    public required AttemptState Status { get; init; }

    /// <summary>The worker that claimed it.</summary>
    public required string WorkerId { get; init; }

    /// <summary>When it was claimed.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The lease's end while it runs.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; init; }

    /// <summary>The main process's exit code, if it exited.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The signal that ended the main process, if one did.</summary>
    public int? Signal { get; init; }

    /// <summary>Why it did not succeed.</summary>
    public string? Error { get; init; }

    /// <summary>Path of its log file.</summary>
    public string? LogPath { get; init; }

    /// <summary>The main process, once started.</summary>
    public ProcessIdentity? Process { get; init; }

    /// <summary>For agents: what it is doing (while running) or did (after).</summary>
    public Runners.Agents.AgentProgress? Progress { get; init; }

    /// <summary>For agents: what the agent itself last said of its progress (percent and step), if it did.</summary>
    public AgentReport? Report { get; init; }

    /// <summary>For agents: how the CLI reported the run's end.</summary>
    public Runners.Agents.AgentRunDetails? Details { get; init; }
}
