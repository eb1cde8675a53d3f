using System.Text.Json.Serialization;

namespace Baton.Api;

/// <summary>
/// A task as <c>POST /api/v1/tasks</c> takes it: task_async's fields, plus <c>command</c> for a program instead of an
/// agent. Unknown properties are refused, so that a misspelt option is an error rather than silently ignored.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal record TaskBody
{
    /// <summary>A short name; default: the agent and the start of its instructions, or the command line.</summary>
    public string? Name { get; init; }

    /// <summary>The agent definition to run (see <c>GET /api/v1/agents</c>).</summary>
    public string? AgentName { get; init; }

    /// <summary>The agent's prompt (at most 256 KiB).</summary>
    public string? AgentInstructions { get; init; }

    /// <summary>For a command task instead of an agent: the program and its arguments (no shell).</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Absolute path of the directory the task runs in (required).</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>critical, high, normal (default) or low.</summary>
    public string? Priority { get; init; }

    /// <summary>Stop each attempt after this many seconds (status timed_out).</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>Retries after a failed attempt (default 3, or the agent's).</summary>
    public int? MaxRetries { get; init; }

    /// <summary>exponential (default, with full jitter), fixed or none.</summary>
    public string? RetryBackoff { get; init; }

    /// <summary>Retry attempts that time out, like failures.</summary>
    public bool? RetryOnTimeout { get; init; }

    /// <summary>Labels for filtering.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Key/value strings kept with the task.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Variables added to the task's environment (only their names are ever shown).</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Overrides the agent's runner: claude, codex or gemini.</summary>
    public string? Runner { get; init; }

    /// <summary>Overrides the agent's model.</summary>
    public string? Model { get; init; }

    /// <summary>Ids of tasks that must complete first; their results are handed to this one.</summary>
    public IReadOnlyList<string>? DependsOn { get; init; }

    /// <summary>Queuing again with the same key returns the first task.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Do not start before this time (ISO 8601, e.g. 2026-11-21T18:00:00Z).</summary>
    public DateTimeOffset? RunAt { get; init; }

    /// <summary>Run in a git worktree of its own, on a new branch.</summary>
    public bool? Worktree { get; init; }

    /// <summary>Keep the worktree when the task ends.</summary>
    public bool? KeepWorktree { get; init; }

    /// <summary>
    /// A URL to POST this task's ends, retries, input requests and milestones to (Standard Webhooks signed). A new URL's
    /// signing secret comes back once, as webhook_secret.
    /// </summary>
    public string? WebhookUrl { get; init; }
}
