namespace Baton.Core.Application.Views;

/// <summary>GET /api/v1/tasks/{id}/changes: what a task changed in its git repository.</summary>
public sealed record TaskChangesView
{
    public required string TaskId { get; init; }

    /// <summary>False when the task's working directory is not in a git repository (or git is missing): nothing else is said.</summary>
    public required bool Repository { get; init; }

    /// <summary>Where git was asked: the repository's top, or the task's worktree.</summary>
    public string? Directory { get; init; }

    /// <summary>The task's own branch, for a task run in a worktree.</summary>
    public string? Branch { get; init; }

    /// <summary>The commit the diff is taken against; null when there is nothing to compare yet.</summary>
    public string? Base { get; init; }

    /// <summary>How <see cref="Base"/> was chosen and what the diff covers, in words.</summary>
    public string? BaseDescription { get; init; }

    public IReadOnlyList<ChangedFileView> Files { get; init; } = [];

    /// <summary>Newest first.</summary>
    public IReadOnlyList<CommitView> Commits { get; init; } = [];

    /// <summary>The unified diff, plain text; cut at a bound with a line saying so.</summary>
    public string? Diff { get; init; }

    public bool DiffTruncated { get; init; }
}
