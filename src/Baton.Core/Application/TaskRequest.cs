namespace Baton.Core.Application;

/// <summary>
/// A task as a caller asks for it, in the public field names (task_async's arguments, a workflow file's task, the CLI's
/// options): unset fields take the agent's settings, then Baton's defaults. <see cref="TaskRequestBuilder"/> turns it
/// into a <see cref="Tasks.TaskDefinition"/>, so every front end resolves agents and defaults the same way. It is also
/// the wire shape REST reads (snake_case names, as the field descriptor spells them).
/// </summary>
public record TaskRequest
{
    /// <summary>A short name; default: the agent and the start of its instructions, or the command line.</summary>
    public string? Name { get; init; }

    /// <summary>The agent definition to run (see <c>baton agents</c>).</summary>
    public string? AgentName { get; init; }

    /// <summary>The agent's prompt.</summary>
    public string? AgentInstructions { get; init; }

    /// <summary>For a command task: the program and its arguments (no shell).</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Overrides the agent's runner: claude, codex or gemini.</summary>
    public string? Runner { get; init; }

    /// <summary>Overrides the agent's model.</summary>
    public string? Model { get; init; }

    /// <summary>critical, high, normal or low.</summary>
    public string? Priority { get; init; }

    /// <summary>Bound on each attempt's run time.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>How long the agent's questions wait for a person before <see cref="OnInputTimeout"/> applies.</summary>
    public int? InputTimeoutSeconds { get; init; }

    /// <summary>deny, fail or pause.</summary>
    public string? OnInputTimeout { get; init; }

    /// <summary>The most the task's attempts may cost in all, in USD.</summary>
    public decimal? BudgetUsd { get; init; }

    /// <summary>Retries after a failed attempt.</summary>
    public int? MaxRetries { get; init; }

    /// <summary>exponential, fixed or none.</summary>
    public string? RetryBackoff { get; init; }

    /// <summary>Retry attempts that time out, like failures.</summary>
    public bool? RetryOnTimeout { get; init; }

    /// <summary>Labels for filtering.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Labels a worker must have to run it: key or key=value.</summary>
    public IReadOnlyList<string>? RequiresLabels { get; init; }

    /// <summary>Key/value data kept with the task.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Working directory; relative paths are taken from the caller's directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables added to the environment.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Do not start before.</summary>
    public DateTimeOffset? RunAt { get; init; }

    /// <summary>Queuing again with the same key returns the first task.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Ids of tasks that must complete first.</summary>
    public IReadOnlyList<string>? DependsOn { get; init; }

    /// <summary>Run in a git worktree of its own.</summary>
    public bool? Worktree { get; init; }

    /// <summary>Keep the worktree when the task ends.</summary>
    public bool? KeepWorktree { get; init; }

    /// <summary>Who asks: set by the front end from the caller's identity, never by the caller (REST refuses it).</summary>
    public string? CreatedBy { get; init; }
}
