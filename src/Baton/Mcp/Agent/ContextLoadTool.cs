using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Core.Application;
using Baton.Core.Sessions;
using Baton.Mcp.Tools;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace Baton.Mcp.Agent;

/// <summary><c>context_load</c>: the latest capsules of this task, its session, its workflow or a task it depends on.</summary>
internal sealed class ContextLoadTool(AgentRun run, Task<AgentMcpServices> services, ILogger logger) : AgentTool(run, services, Definition, logger)
{
    public const string ToolName = "context_load";

    private static readonly Tool Definition = ToolSchema.Tool(
        ToolName,
        "Load saved working context (capsules from context_save): this task's latest (the default), your agent session's, "
        + "the latest of each task of this workflow, or a task this one depends on (scope task with its id).",
        new JsonObject
        {
            ["scope"] = ToolSchema.Enum("Whose context: task (default), session or workflow", ContextScopes.Names),
            ["id"] = ToolSchema.String("A task id (scope task) or session id (scope session); default: this task's own", 64),
        },
        [],
        ToolSchema.ReadOnly("Load saved working context"));

    protected override async Task<CallToolResult> RunAsync(
        ToolArguments arguments, IDictionary<string, JsonElement>? raw, AgentMcpServices services, CancellationToken cancellationToken)
    {
        ContextScopes.TryParse(arguments.OneOf("scope", ContextScopes.Names) ?? "task", out var scope);
        var found = await services.Context.LoadAsync(Run.TaskId, scope, arguments.String("id", 64), cancellationToken);
        var items = found.Select(c => new CapsuleItemView(c.Id, c.TaskId, c.AttemptNumber, c.SessionId, c.WorkflowId, c.Agent, c.CreatedAt, CapsuleJson.ToElement(c.Capsule))).ToList();
        var text = new StringBuilder(items.Count == 0 ? "No context saved there yet." : $"{items.Count} capsule(s), newest first:");
        foreach (var capsule in found)
        {
            text.AppendLine().AppendLine().Append(CapsuleText.Render(capsule));
        }

        return ToolResults.Success(text.ToString(), new CapsuleListView(items, items.Count), AgentMcpJsonContext.Default.CapsuleListView);
    }
}
