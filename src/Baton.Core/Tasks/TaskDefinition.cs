namespace Baton.Core.Tasks;

/// <summary>What a user asked for: everything needed to run a task, fixed when it is queued.</summary>
public sealed record TaskDefinition
{
    /// <summary>A short human-readable name.</summary>
    public required string Name { get; init; }

    /// <summary>The runner that executes attempts: <c>command</c> here; agent runners come later.</summary>
    public required string Runner { get; init; }

    /// <summary>For the command runner: the program to start (a path, or a name looked up on PATH).</summary>
    public string? Program { get; init; }

    /// <summary>For the command runner: the program's arguments, passed as they are (no shell).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>For agent runners: the agent definition's name.</summary>
    public string? AgentName { get; init; }

    /// <summary>For agent runners: the prompt.</summary>
    public string? Instructions { get; init; }

    /// <summary>For agent runners: the model override.</summary>
    public string? Model { get; init; }

    /// <summary>Run in a git worktree of its own, on a new branch <c>baton/&lt;short id&gt;-&lt;slug&gt;</c> from HEAD.</summary>
    public bool Worktree { get; init; }

    /// <summary>Keep the worktree when the task ends (it is removed by default; the branch always stays).</summary>
    public bool KeepWorktree { get; init; }

    /// <summary>
    /// The named worktree the task works in (with <see cref="Worktree"/>): every task with the same branch shares one
    /// worktree, kept after the task ends (streams of an initiative). Null: a worktree of the task's own.
    /// </summary>
    public string? WorktreeBranch { get; init; }

    /// <summary>What <see cref="WorktreeBranch"/> starts from when it does not exist yet; null: the repository's HEAD.</summary>
    public string? WorktreeBase { get; init; }

    /// <summary>
    /// Another task whose agent session this task's first attempt takes up, continued (the next task of a stream) or
    /// forked (a copy, the original untouched); null: a new session.
    /// </summary>
    public Sessions.SessionSource? Session { get; init; }

    /// <summary>For agent runners: the agent definition, as it was when the task was queued.</summary>
    public Runners.Agents.AgentSpec? Agent { get; init; }

    /// <summary>Absolute working directory of each attempt.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>Variables added to (or replacing) the daemon's environment for each attempt.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Dispatch priority.</summary>
    public TaskPriority Priority { get; init; } = TaskPriority.Normal;

    /// <summary>Bound on each attempt's run time; null for none. Time spent waiting for a person does not count.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>
    /// How long an open interaction may wait for a person before <see cref="OnInputTimeout"/> applies; null takes the
    /// agent's, and without either Baton waits (reminding once an hour).
    /// </summary>
    public int? InputTimeoutSeconds { get; init; }

    /// <summary>What the input timeout does; null takes the agent's, else deny.</summary>
    public Interactions.InputTimeoutAction? OnInputTimeout { get; init; }

    /// <summary>
    /// The most its attempts may cost in all, in USD; null for no limit. Crossing it stops spending and asks a person
    /// (an interaction of kind budget) to raise it, approve once, or cancel.
    /// </summary>
    public decimal? BudgetUsd { get; init; }

    /// <summary>How many times a failed attempt is retried.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>How the wait between retries grows.</summary>
    public RetryBackoff RetryBackoff { get; init; } = RetryBackoff.Exponential;

    /// <summary>Whether an attempt that timed out is retried like a failure (off by default).</summary>
    public bool RetryOnTimeout { get; init; }

    /// <summary>Free-form labels, used for filtering.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Labels a worker must have to run it (<c>key</c> or <c>key=value</c>, see <see cref="Workers.WorkerLabels"/>); empty for any worker.</summary>
    public IReadOnlyList<string> RequiresLabels { get; init; } = [];

    /// <summary>Free-form key/value data kept with the task.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Earliest time the first attempt may start; null for now.</summary>
    public DateTimeOffset? RunAt { get; init; }

    /// <summary>A caller's key: queuing twice with the same key returns the first task.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Tasks that must complete before this one may start; their results are handed to it.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>The workflow the task belongs to, or null for a task on its own.</summary>
    public string? WorkflowId { get; init; }

    /// <summary>The phase of <see cref="WorkflowId"/> the task belongs to.</summary>
    public string? PhaseId { get; init; }

    /// <summary>Who queued it: <c>cli:USER</c>, <c>mcp:USER</c>, <c>token:NAME</c> or <c>loopback</c>.</summary>
    public string? CreatedBy { get; init; }
}
