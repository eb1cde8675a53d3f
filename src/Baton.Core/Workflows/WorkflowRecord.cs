namespace Baton.Core.Workflows;

/// <summary>A workflow as stored: a named graph of phases whose tasks run as their dependencies complete.</summary>
public sealed record WorkflowRecord
{
    /// <summary>The workflow id: the same alphabet and length as task ids (see <see cref="Tasks.TaskIds"/>).</summary>
    public required string Id { get; init; }

    /// <summary>A short human-readable name.</summary>
    public required string Name { get; init; }

    /// <summary>What it is for.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>The current status.</summary>
    public required WorkflowState Status { get; init; }

    /// <summary>What a task that fails for good does to the rest.</summary>
    public FailurePolicy FailurePolicy { get; init; } = FailurePolicy.FailFast;

    /// <summary>How much of upstream results downstream tasks receive.</summary>
    public UpstreamLimits UpstreamLimits { get; init; } = UpstreamLimits.Default;

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When its status last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When it was started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it completed, failed or was cancelled.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Why it failed or was cancelled.</summary>
    public string? Error { get; init; }

    /// <summary>
    /// When a person paused it, or null: while paused, nothing of it starts (its released tasks are held as
    /// <c>paused</c>) until it is resumed.
    /// </summary>
    public DateTimeOffset? PausedAt { get; init; }

    /// <summary>Who paused it.</summary>
    public string? PausedBy { get; init; }

    /// <summary>Who created it (as for tasks).</summary>
    public string? CreatedBy { get; init; }

    /// <summary>
    /// The most all attempts of all its tasks may cost together, in USD (estimates included); null: no limit. Raised
    /// in place when a person answers a budget interaction about it, so every task of the workflow sees the raise.
    /// </summary>
    public decimal? BudgetUsd { get; init; }
}
