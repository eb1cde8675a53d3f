using System.Text.Json;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Codex;

/// <summary>
/// Codex's tool calls are its action items (commands, file changes, MCP tools, web searches): started when the item
/// starts, ended when it completes. File changes and searches may arrive only completed; those start and end at once.
/// </summary>
internal sealed class CodexToolCalls(IToolCallObserver tools)
{
    private readonly HashSet<string> open = new(StringComparer.Ordinal);

    public void Started(JsonElement item)
    {
        if (JsonFields.Text(item, "id") is { } id && ToolName(item) is { } name && open.Add(id))
        {
            tools.Started(id, name);
        }
    }

    public void Ended(JsonElement item)
    {
        if (JsonFields.Text(item, "id") is not { } id || ToolName(item) is null)
        {
            return;
        }

        Started(item);
        open.Remove(id);
        tools.Ended(id, Failed(item));
    }

    /// <summary>The tool an item stands for: an MCP tool's own name, else Codex's kind of action; null for messages and reasoning.</summary>
    private static string? ToolName(JsonElement item) => JsonFields.Text(item, "type") switch
    {
        "mcp_tool_call" => JsonFields.Text(item, "tool") ?? "mcp_tool_call",
        "collab_tool_call" => JsonFields.Text(item, "tool") ?? "collab_tool_call",
        "command_execution" or "file_change" or "web_search" => JsonFields.Text(item, "type"),
        _ => null,
    };

    private static bool Failed(JsonElement item) =>
        JsonFields.Text(item, "status") is "failed" or "declined"
        || JsonFields.Child(item, "exit_code") is { ValueKind: JsonValueKind.Number } code && (!code.TryGetInt64(out var exit) || exit != 0)
        || JsonFields.Child(item, "error") is { ValueKind: JsonValueKind.Object or JsonValueKind.String };
}
