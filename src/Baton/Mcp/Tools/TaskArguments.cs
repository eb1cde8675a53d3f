using System.Text.Json.Nodes;
using Baton.Core.Application;
using Baton.Core.Application.Fields;

namespace Baton.Mcp.Tools;

/// <summary>
/// The task's arguments (task_async's, which workflow_add_task takes too), made from the task fields' one descriptor
/// (<see cref="TaskFields"/>): their schema properties, with its names, limits and descriptions, and one reading into
/// a <see cref="TaskRequest"/>, so that both tools, and the other interfaces, accept and mean exactly the same.
/// </summary>
internal static class TaskArguments
{
    public const string Name = "name";
    public const string AgentName = "agent_name";
    public const string AgentInstructions = "agent_instructions";
    public const string WorkingDirectory = "working_directory";

    /// <summary>
    /// The arguments every task needs. An agent task also needs agent_name and agent_instructions, a command task
    /// command instead; the tools say so in their messages, since a schema that says "one or the other" at its top
    /// level is refused by some clients.
    /// </summary>
    public static IReadOnlyList<string> Required { get; } = [Name];

    /// <summary>Adds the task's properties to a tool's schema, one per task field, in the descriptor's order.</summary>
    /// <param name="properties">The schema's properties.</param>
    /// <param name="directoryRequired">True over HTTP: the daemon cannot know the caller's project directory.</param>
    /// <param name="dependsOn">What depends_on means for the tool.</param>
    public static void AddTo(JsonObject properties, bool directoryRequired, string dependsOn)
    {
        foreach (var field in TaskFields.On(TaskFieldSurfaces.Mcp))
        {
            var description = field.Name switch
            {
                WorkingDirectory => directoryRequired
                    ? "Absolute path of the directory the agent works in (required over HTTP)"
                    : "Directory the agent works in; default: the project (where this MCP server runs)",
                "depends_on" => dependsOn,
                _ when !field.OnWorkflowTasks => "task_async only: " + field.Description,
                _ => field.Description,
            };
            properties[field.Name] = ToolSchema.Field(field, description);
        }
    }

    /// <summary>The task's webhook_url, if given.</summary>
    public static string? WebhookUrlOf(ToolArguments arguments) => Text(arguments, TaskFields.WebhookUrl);

    /// <summary>Reads the task's arguments; the caller becomes its created_by.</summary>
    public static TaskRequest Read(ToolArguments arguments, McpCaller caller, string? defaultDirectory, bool webhookAllowed = false)
    {
        if (!webhookAllowed && WebhookUrlOf(arguments) is not null)
        {
            throw new ToolArgumentException($"'{TaskFields.WebhookUrl.Name}' is taken by task_async and workflow_create only; give the workflow a webhook_url instead, or leave it out");
        }

        var directory = Text(arguments, TaskFields.WorkingDirectory);
        if (defaultDirectory is null && (directory is null || !Path.IsPathFullyQualified(directory)))
        {
            throw new ToolArgumentException($"'{WorkingDirectory}' must be given as an absolute path over HTTP: the daemon cannot know your project's directory");
        }

        var name = arguments.Required(Name, TaskFields.Name.MaxLength!.Value);
        var command = List(arguments, TaskFields.Command);
        if (command is { Count: 0 })
        {
            throw new ToolArgumentException("'command' is an empty list; give the program and its arguments, e.g. [\"make\", \"test\"]");
        }

        // A command task runs a program, not an agent: then the agent's arguments are optional (and refused if given).
        var agentText = command is null
            ? (Func<TaskField, string?>)(field => arguments.Required(field.Name, field.MaxLength!.Value))
            : field => Text(arguments, field);
        return new TaskRequest
        {
            Name = name,
            AgentName = agentText(TaskFields.AgentName),
            AgentInstructions = agentText(TaskFields.AgentInstructions),
            Command = command,
            Priority = arguments.OneOf(TaskFields.Priority.Name, TaskFields.Priority.Choices),
            TimeoutSeconds = Integer(arguments, TaskFields.TimeoutSeconds),
            InputTimeoutSeconds = Integer(arguments, TaskFields.InputTimeoutSeconds),
            OnInputTimeout = arguments.OneOf(TaskFields.OnInputTimeout.Name, TaskFields.OnInputTimeout.Choices),
            BudgetUsd = arguments.Amount(TaskFields.BudgetUsd.Name, TaskFields.MinBudgetUsd, TaskFields.MaxBudgetUsd),
            MaxRetries = Integer(arguments, TaskFields.MaxRetries),
            RetryBackoff = arguments.OneOf(TaskFields.RetryBackoff.Name, TaskFields.RetryBackoff.Choices),
            RetryOnTimeout = arguments.Boolean(TaskFields.RetryOnTimeout.Name),
            Tags = List(arguments, TaskFields.Tags),
            RequiresLabels = List(arguments, TaskFields.RequiresLabels),
            Metadata = Map(arguments, TaskFields.Metadata),
            WorkingDirectory = directory,
            Environment = Map(arguments, TaskFields.Environment),
            RunAt = arguments.Time(TaskFields.RunAt.Name),
            Runner = arguments.OneOf(TaskFields.Runner.Name, TaskFields.Runner.Choices),
            Model = Text(arguments, TaskFields.Model),
            DependsOn = List(arguments, TaskFields.DependsOn),
            IdempotencyKey = Text(arguments, TaskFields.IdempotencyKey),
            Worktree = arguments.Boolean(TaskFields.Worktree.Name),
            KeepWorktree = arguments.Boolean(TaskFields.KeepWorktree.Name),
            CreatedBy = caller.Name,
        };
    }

    private static string? Text(ToolArguments arguments, TaskField field) => arguments.String(field.Name, field.MaxLength!.Value);

    private static int? Integer(ToolArguments arguments, TaskField field) => arguments.Integer(field.Name, field.Minimum!.Value, field.Maximum!.Value);

    private static IReadOnlyList<string>? List(ToolArguments arguments, TaskField field) =>
        arguments.StringList(field.Name, field.MaxItems!.Value, field.MaxLength!.Value);

    private static IReadOnlyDictionary<string, string>? Map(ToolArguments arguments, TaskField field) =>
        arguments.StringMap(field.Name, field.MaxItems!.Value, field.MaxKeyLength!.Value, field.MaxLength!.Value);
}
