using System.Text.Json.Nodes;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Gemini.Acp;

/// <summary>
/// Baton's agent-side MCP server as gemini-cli takes it over ACP: the <c>mcpServers</c> of <c>session/new</c> and
/// <c>session/load</c>, a stdio server as <c>{name, command, args, env: [{name, value}]}</c>. gemini adds these to the
/// servers in the user's settings for that session only (a user server of the same name is replaced for the session).
/// </summary>
internal static class GeminiMcpServers
{
    /// <summary>The <c>mcpServers</c> for one attempt: Baton's server, or none.</summary>
    public static JsonArray For(AgentMcpRun? run)
    {
        if (run is null)
        {
            return [];
        }

        var env = new JsonArray();
        foreach (var (name, value) in run.Server.Environment)
        {
            env.Add(new JsonObject { ["name"] = name, ["value"] = value });
        }

        return
        [
            new JsonObject
            {
                ["name"] = AgentMcpServer.Name,
                ["command"] = run.Server.Command,
                ["args"] = new JsonArray([.. run.Arguments.Select(a => (JsonNode)a)]),
                ["env"] = env,
            },
        ];
    }
}
