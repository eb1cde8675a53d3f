using System.Text.Json.Nodes;
using Baton.Core.Application.Views;
using Baton.Core.Tasks;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace Baton.Mcp.Tools;

/// <summary><c>task_async</c>: queue an agent task (or a command) and return its id at once; the daemon runs it.</summary>
internal sealed class TaskAsyncTool(McpBackend backend, ILogger logger) : BatonTool(backend, Definition(backend), writes: true, logger)
{
    public const string ToolName = "task_async";

    private static Tool Definition(McpBackend backend)
    {
        var properties = new JsonObject();
        TaskArguments.AddTo(properties, backend.DefaultDirectory is null, "Ids of tasks that must complete first; their results are passed to this task");
        return ToolSchema.Tool(
            ToolName,
            "Queue an agent task (agent_name and agent_instructions), or a program (command), and get its task_id at once. Baton runs it in the background, with retries and a timeout; "
            + "it keeps running if this session ends. Follow it with task_status, or subscribe to baton://tasks/{task_id}.",
            properties,
            TaskArguments.Required,
            ToolSchema.Writes("Run an agent task in the background"));
    }

    protected override async Task<CallToolResult> RunAsync(ToolArguments arguments, McpCaller caller, McpServices services, CancellationToken cancellationToken)
    {
        var request = TaskArguments.Read(arguments, caller, Backend.DefaultDirectory, webhookAllowed: true);
        var webhookUrl = TaskArguments.WebhookUrlOf(arguments);
        if (webhookUrl is not null)
        {
            (services.Webhooks ?? throw new ToolArgumentException("webhook_url is not available here")).CheckUrl(webhookUrl, "webhook_url");
        }

        var definition = await TaskDefinitions.BuildAsync(Backend, request, cancellationToken);
        // Refused before a daemon is started for nothing; the enqueue checks again.
        services.Tasks.Validate(definition, Backend.SearchPath);
        await Backend.EnsureDaemonAsync(cancellationToken);
        var (result, secret) = webhookUrl is not null
            ? await services.Webhooks!.EnqueueAsync(services.Tasks, definition, Backend.SearchPath, webhookUrl, cancellationToken)
            : (await services.Tasks.EnqueueAsync(definition, Backend.SearchPath, cancellationToken), null);
        var task = result.Task;
        var message = result.Created
            ? $"Task {task.Id} queued: {(task.Definition.AgentName is { } agent ? $"agent {agent}" : "a command")} runs \"{task.Definition.Name}\" in the background. Check it with task_status (task_id {task.Id})."
            : $"Task {task.Id} already exists for idempotency_key '{definition.IdempotencyKey}' ({task.Status.ToWire()}); no new task was queued.";
        return ToolResults.Success(ToolResults.WithSecret(message, secret), new EnqueuedView(task.Id, task.Status.ToWire(), result.Created, message, secret), ViewJsonContext.Default.EnqueuedView);
    }
}
