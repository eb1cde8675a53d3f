using System.Text.Json.Nodes;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Claude;

/// <summary>
/// Baton's agent-side MCP server as Claude Code takes it for one run: <c>--mcp-config</c> with inline JSON (added to
/// the user's own servers, not replacing them), and its tools allowed so that no permission prompt asks for them.
/// </summary>
public static class ClaudeMcpConfig
{
    /// <summary>The tool names as Claude Code gives them to the model: <c>mcp__baton__context_save</c>, ...</summary>
    public static IReadOnlyList<string> AllowedTools { get; } =
        [.. AgentMcpServer.ToolNames.Select(t => $"mcp__{AgentMcpServer.Name}__{t}")];

    /// <summary>The <c>--mcp-config</c> JSON for one attempt.</summary>
    public static string Json(AgentMcpRun run)
    {
        var env = new JsonObject();
        foreach (var (key, value) in run.Server.Environment)
        {
            env[key] = value;
        }

        var server = new JsonObject
        {
            ["type"] = "stdio",
            ["command"] = run.Server.Command,
            ["args"] = new JsonArray([.. run.Arguments.Select(a => (JsonNode)a)]),
            ["env"] = env,
        };
        return new JsonObject { ["mcpServers"] = new JsonObject { [AgentMcpServer.Name] = server } }.ToJsonString();
    }
}
