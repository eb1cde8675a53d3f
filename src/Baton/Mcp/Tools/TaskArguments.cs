using System.Text.Json.Nodes;
using Baton.Core.Application;
using Baton.Core.Tasks;

namespace Baton.Mcp.Tools;

/// <summary>
/// The brief's task arguments (task_async's, which workflow_add_task takes too): declared once as schema properties
/// and read once into a <see cref="TaskRequest"/>, so that both tools accept and mean exactly the same.
/// </summary>
internal static class TaskArguments
{
    public const string Name = "name";
    public const string AgentName = "agent_name";
    public const string AgentInstructions = "agent_instructions";
    public const string WorkingDirectory = "working_directory";
    private const string WebhookUrl = "webhook_url";
    private static readonly string[] AgentRunners = ["claude", "codex", "gemini"];

    /// <summary>The arguments every task needs.</summary>
    public static IReadOnlyList<string> Required { get; } = [Name, AgentName, AgentInstructions];

    /// <summary>Adds the task's properties to a tool's schema.</summary>
    /// <param name="properties">The schema's properties.</param>
    /// <param name="directoryRequired">True over HTTP: the daemon cannot know the caller's project directory.</param>
    /// <param name="dependsOn">What depends_on means for the tool.</param>
    public static void AddTo(JsonObject properties, bool directoryRequired, string dependsOn)
    {
        properties[Name] = ToolSchema.String("A short name for the task", 200);
        properties[AgentName] = ToolSchema.String("The agent to run: a definition in the project's .claude/agents/ or ~/.claude/agents/", 200);
        properties[AgentInstructions] = ToolSchema.String("The prompt: what the agent should do (at most 256 KiB)", Core.Application.TaskDefinitionValidator.MaxPromptBytes);
        properties["priority"] = ToolSchema.Enum("Higher runs first; default normal", TaskPriorities.AllNames);
        properties["timeout_seconds"] = ToolSchema.Integer("Stop each attempt after this many seconds (status timed_out); default: the agent's, else none", 1, 30 * 24 * 3600);
        properties[WebhookUrl] = ToolSchema.String(
            "task_async only: a URL to POST the task's end, retries, input requests and milestones to (Standard Webhooks signed; a new URL's secret is returned once as webhook_secret)", 2048);
        properties["max_retries"] = ToolSchema.Integer("Retries after a failed attempt; default: the agent's, else 3", 0, 100);
        properties["retry_backoff"] = ToolSchema.Enum("Wait between retries; default exponential (with jitter)", RetryBackoffs.AllNames);
        properties["tags"] = ToolSchema.StringArray("Labels, e.g. for list_tasks' tag filter", 20);
        properties["metadata"] = ToolSchema.StringMap("Key/value data kept with the task");
        properties[WorkingDirectory] = ToolSchema.String(
            directoryRequired
                ? "Absolute path of the directory the agent works in (required over HTTP)"
                : "Directory the agent works in; default: the project (where this MCP server runs)",
            4096);
        properties["runner"] = ToolSchema.Enum("Override the agent's runner (the CLI that runs it)", AgentRunners);
        properties["model"] = ToolSchema.String("Override the agent's model", 200);
        properties["depends_on"] = ToolSchema.StringArray(dependsOn, 100);
        properties["idempotency_key"] = ToolSchema.String("Calling again with the same key returns the first task instead of a new one", 200);
    }

    /// <summary>The task's webhook_url, if given.</summary>
    public static string? WebhookUrlOf(ToolArguments arguments) => arguments.String(WebhookUrl, 2048);

    /// <summary>Reads the task's arguments; the caller becomes its created_by.</summary>
    public static TaskRequest Read(ToolArguments arguments, McpCaller caller, string? defaultDirectory, bool webhookAllowed = false)
    {
        if (!webhookAllowed && arguments.String(WebhookUrl, 2048) is not null)
        {
            throw new ToolArgumentException($"'{WebhookUrl}' is taken by task_async and workflow_create only; give the workflow a webhook_url instead, or leave it out");
        }

        var directory = arguments.String(WorkingDirectory, 4096);
        if (defaultDirectory is null && (directory is null || !Path.IsPathFullyQualified(directory)))
        {
            throw new ToolArgumentException($"'{WorkingDirectory}' must be given as an absolute path over HTTP: the daemon cannot know your project's directory");
        }

        return new TaskRequest
        {
            Name = arguments.Required(Name, 200),
            AgentName = arguments.Required(AgentName, 200),
            AgentInstructions = arguments.Required(AgentInstructions, Core.Application.TaskDefinitionValidator.MaxPromptBytes),
            Priority = arguments.OneOf("priority", TaskPriorities.AllNames),
            TimeoutSeconds = arguments.Integer("timeout_seconds", 1, 30 * 24 * 3600),
            MaxRetries = arguments.Integer("max_retries", 0, 100),
            RetryBackoff = arguments.OneOf("retry_backoff", RetryBackoffs.AllNames),
            Tags = arguments.StringList("tags", 20, 64),
            Metadata = arguments.StringMap("metadata", 50, 4096),
            WorkingDirectory = directory,
            Runner = arguments.OneOf("runner", AgentRunners),
            Model = arguments.String("model", 200),
            DependsOn = arguments.StringList("depends_on", 100, 64),
            IdempotencyKey = arguments.String("idempotency_key", 200),
            CreatedBy = caller.Name,
        };
    }
}
