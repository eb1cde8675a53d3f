using Baton.Core.Runners.Claude;
using Baton.Core.Runners.Codex;
using Baton.Core.Runners.Gemini;
using Baton.Core.Tasks;

namespace Baton.Core.Application.Fields;

/// <summary>
/// Every field of a task, declared once. The CLI's options, the REST body and its OpenAPI schema, the MCP tools'
/// input schemas (<c>task_async</c>, <c>workflow_add_task</c>) and a workflow file's keys are made or checked from
/// these, and <see cref="TaskDefinitionValidator"/> enforces their limits for all of them.
/// </summary>
public static class TaskFields
{
    /// <summary>The largest prompt accepted, in UTF-8 bytes (256 KiB).</summary>
    public const int MaxPromptBytes = 256 * 1024;

    public static TaskField Name { get; } = new()
    {
        Name = "name", Kind = TaskFieldKind.Text, MaxLength = 200,
        Description = "A short name for the task",
    };

    public static TaskField AgentName { get; } = new()
    {
        Name = "agent_name", Kind = TaskFieldKind.Text, MaxLength = 200, CliSpelling = "--agent",
        Description = "The agent to run: a definition in the project's .claude/agents/ or ~/.claude/agents/",
    };

    public static TaskField AgentInstructions { get; } = new()
    {
        Name = "agent_instructions", Kind = TaskFieldKind.Text, MaxLength = MaxPromptBytes, CliSpelling = "--prompt",
        Description = "The prompt: what the agent should do (at most 256 KiB)",
    };

    public static TaskField Priority { get; } = new()
    {
        Name = "priority", Kind = TaskFieldKind.Choice, Choices = TaskPriorities.AllNames,
        Description = "Higher runs first; default normal",
    };

    public static TaskField TimeoutSeconds { get; } = new()
    {
        Name = "timeout_seconds", Kind = TaskFieldKind.Integer, Minimum = 1, Maximum = 30 * 24 * 3600, CliSpelling = "--timeout",
        Description = "Stop each attempt after this many seconds (status timed_out; time spent waiting for a person does not count); default: the agent's, else none",
    };

    public static TaskField InputTimeoutSeconds { get; } = new()
    {
        Name = "input_timeout_seconds", Kind = TaskFieldKind.Integer, Minimum = 1, Maximum = 30 * 24 * 3600, CliSpelling = "--input-timeout",
        Description = "How long a question or approval the agent asks waits for a person before on_input_timeout applies; default: the agent's, else wait (reminding hourly)",
    };

    public static TaskField OnInputTimeout { get; } = new()
    {
        Name = "on_input_timeout", Kind = TaskFieldKind.Choice, Choices = Interactions.InputTimeoutActions.AllNames,
        Description = "What an input timeout does: deny the request (the agent carries on), fail the task, or pause it; default: the agent's, else deny",
    };

    /// <summary>The smallest budget accepted, in USD.</summary>
    public const decimal MinBudgetUsd = 0.01m;

    /// <summary>The largest budget accepted, in USD.</summary>
    public const decimal MaxBudgetUsd = 1_000_000m;

    public static TaskField BudgetUsd { get; } = new()
    {
        Name = "budget_usd", Kind = TaskFieldKind.Amount, CliSpelling = "--budget",
        Description = "The most the task's attempts may cost in all, in USD (estimated for Codex and Gemini); crossing it stops the agent and asks a person to raise it, approve once, or cancel",
    };

    public static TaskField WebhookUrl { get; } = new()
    {
        Name = "webhook_url", Kind = TaskFieldKind.Text, MaxLength = Webhooks.SsrfRules.MaxUrlLength, OnWorkflowTasks = false,
        Description = "A URL to POST the task's end, retries, input requests and milestones to (Standard Webhooks signed; a new URL's secret is returned once as webhook_secret)",
    };

    public static TaskField MaxRetries { get; } = new()
    {
        Name = "max_retries", Kind = TaskFieldKind.Integer, Minimum = 0, Maximum = 100,
        Description = "Retries after a failed attempt; default: the agent's, else 3",
    };

    public static TaskField RetryBackoff { get; } = new()
    {
        Name = "retry_backoff", Kind = TaskFieldKind.Choice, Choices = RetryBackoffs.AllNames,
        Description = "Wait between retries; default exponential (with jitter)",
    };

    public static TaskField Tags { get; } = new()
    {
        Name = "tags", Kind = TaskFieldKind.TextList, MaxItems = 20, MaxLength = 64, CliSpelling = "--tag",
        Description = "Labels, e.g. for list_tasks' tag filter",
    };

    public static TaskField RequiresLabels { get; } = new()
    {
        Name = "requires_labels", Kind = TaskFieldKind.TextList, MaxItems = Workers.WorkerLabels.MaxCount, MaxLength = Workers.WorkerLabels.MaxLength,
        CliSpelling = "--requires-label",
        Description = "Labels a worker must have to run it: key (any value) or key=value, e.g. gpu or repo=/srv/app",
    };

    public static TaskField Metadata { get; } = new()
    {
        Name = "metadata", Kind = TaskFieldKind.TextMap, MaxItems = 50, MaxKeyLength = 200, MaxLength = 4096,
        Description = "Key/value data kept with the task",
    };

    public static TaskField WorkingDirectory { get; } = new()
    {
        Name = "working_directory", Kind = TaskFieldKind.Text, MaxLength = 4096, CliSpelling = "--cwd",
        Description = "Directory the task works in",
    };

    public static TaskField Runner { get; } = new()
    {
        Name = "runner", Kind = TaskFieldKind.Choice, Choices = [ClaudeRunner.RunnerName, CodexRunner.RunnerName, GeminiRunner.RunnerName],
        Description = "Override the agent's runner (the CLI that runs it)",
    };

    public static TaskField Model { get; } = new()
    {
        Name = "model", Kind = TaskFieldKind.Text, MaxLength = 200,
        Description = "Override the agent's model",
    };

    public static TaskField DependsOn { get; } = new()
    {
        Name = "depends_on", Kind = TaskFieldKind.TextList, MaxItems = 100, MaxLength = 64,
        Description = "Ids of tasks that must complete first; their results are passed to this task",
    };

    public static TaskField IdempotencyKey { get; } = new()
    {
        Name = "idempotency_key", Kind = TaskFieldKind.Text, MaxLength = 200,
        Description = "Calling again with the same key returns the first task instead of a new one",
    };

    public static TaskField Command { get; } = new()
    {
        // Linux refuses a single argument longer than 128 KiB (MAX_ARG_STRLEN) when the program starts.
        Name = "command", Kind = TaskFieldKind.TextList, MaxItems = 1000, MaxLength = 128 * 1024, CliSpelling = "--",
        Description = "For a command task instead of an agent: the program and its arguments (no shell)",
    };

    public static TaskField Environment { get; } = new()
    {
        Name = "environment", Kind = TaskFieldKind.TextMap, MaxItems = 100, MaxKeyLength = 200, MaxLength = 32 * 1024, CliSpelling = "--env",
        YamlAliases = ["env"],
        Description = "Variables added to the task's environment (only their names are ever shown)",
    };

    public static TaskField RunAt { get; } = new()
    {
        Name = "run_at", Kind = TaskFieldKind.Time,
        Description = "Do not start before this time (ISO 8601 with offset, e.g. 2026-11-21T18:00:00Z)",
    };

    public static TaskField RetryOnTimeout { get; } = new()
    {
        Name = "retry_on_timeout", Kind = TaskFieldKind.Boolean,
        Description = "Retry attempts that time out, like failures",
    };

    public static TaskField Worktree { get; } = new()
    {
        Name = "worktree", Kind = TaskFieldKind.Boolean,
        Description = "Run in a git worktree of its own, on a new branch",
    };

    public static TaskField KeepWorktree { get; } = new()
    {
        Name = "keep_worktree", Kind = TaskFieldKind.Boolean,
        Description = "Keep the worktree when the task ends (the branch is always kept)",
    };

    /// <summary>Every field, in the order the MCP tools list them (task_async's original arguments first).</summary>
    public static IReadOnlyList<TaskField> All { get; } =
    [
        Name, AgentName, AgentInstructions, Priority, TimeoutSeconds, WebhookUrl, MaxRetries, RetryBackoff, Tags, Metadata,
        WorkingDirectory, Runner, Model, DependsOn, IdempotencyKey, Command, Environment, RunAt, RetryOnTimeout, Worktree, KeepWorktree,
        RequiresLabels, InputTimeoutSeconds, OnInputTimeout, BudgetUsd,
    ];

    /// <summary>The fields <paramref name="surface"/> shows.</summary>
    public static IEnumerable<TaskField> On(TaskFieldSurfaces surface) => All.Where(f => (f.Surfaces & surface) != 0);

    /// <summary>The field with this wire name.</summary>
    public static TaskField Named(string name) =>
        All.FirstOrDefault(f => f.Name == name) ?? throw new ArgumentException($"no task field '{name}'", nameof(name));
}
