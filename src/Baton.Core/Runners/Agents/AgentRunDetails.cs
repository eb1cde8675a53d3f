namespace Baton.Core.Runners.Agents;

/// <summary>How an agent run ended, as its CLI reported it: kept per attempt and shown with the task's result.</summary>
public sealed record AgentRunDetails
{
    /// <summary>The agent session's id (to resume or continue it).</summary>
    public string? SessionId { get; init; }

    /// <summary>The CLI's own result kind, e.g. success, error_max_turns, error_during_execution.</summary>
    public string? Subtype { get; init; }

    /// <summary>The CLI's own error flag.</summary>
    public bool IsError { get; init; }

    /// <summary>The CLI's error messages.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>Tool calls that were refused for want of permission.</summary>
    public IReadOnlyList<PermissionDenial> PermissionDenials { get; init; } = [];

    /// <summary>Tokens (and cost, where reported) per model.</summary>
    public IReadOnlyDictionary<string, ModelUsage> Models { get; init; } = new Dictionary<string, ModelUsage>();

    /// <summary>
    /// The session's running totals per model as the CLI reported them, where they differ from this attempt's own
    /// figures in <see cref="Models"/> (Codex reports a resumed thread's totals); null when they are the same.
    /// </summary>
    public IReadOnlyDictionary<string, ModelUsage>? SessionModels { get; init; }

    /// <summary>Cost in USD of this attempt.</summary>
    public decimal? CostUsd { get; init; }

    /// <summary>True if <see cref="CostUsd"/> is Baton's estimate from a price table, not the CLI's own figure.</summary>
    public bool CostEstimated { get; init; }

    /// <summary>Model turns.</summary>
    public int? Turns { get; init; }

    /// <summary>How long the CLI says it ran.</summary>
    public long? DurationMs { get; init; }

    /// <summary>The HTTP status of a model API error.</summary>
    public int? ApiErrorStatus { get; init; }

    /// <summary>How many times the CLI retried the model API.</summary>
    public int ApiRetries { get; init; }

    /// <summary>Lines of output that were not valid JSON (logged and skipped).</summary>
    public int MalformedLines { get; init; }

    /// <summary>In a git working directory: files that differ from where the run started (committed or not).</summary>
    public IReadOnlyList<string> FilesChanged { get; init; } = [];

    /// <summary>In a git working directory: commits made during the run, newest first ("abbrev-sha subject").</summary>
    public IReadOnlyList<string> Commits { get; init; } = [];
}
