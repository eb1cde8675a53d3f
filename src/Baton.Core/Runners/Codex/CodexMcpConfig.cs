using System.Text;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Codex;

/// <summary>
/// Baton's agent-side MCP server as Codex takes it for one run: <c>-c mcp_servers.baton.*</c> overrides, whose values
/// Codex parses as TOML (strings quoted, the arguments an array, the environment an inline table). The user's own
/// servers in <c>~/.codex/config.toml</c> stay as they are.
/// </summary>
public static class CodexMcpConfig
{
    /// <summary>The <c>-c</c> flags for one attempt.</summary>
    public static IReadOnlyList<string> Flags(AgentMcpRun run)
    {
        var prefix = $"mcp_servers.{AgentMcpServer.Name}";
        var env = string.Join(", ", run.Server.Environment.Select(e => $"{Quote(e.Key)} = {Quote(e.Value)}"));
        return
        [
            "-c", $"{prefix}.command={Quote(run.Server.Command)}",
            "-c", $"{prefix}.args=[{string.Join(", ", run.Arguments.Select(Quote))}]",
            "-c", $"{prefix}.env={{{env}}}",
        ];
    }

    /// <summary>A TOML basic string.</summary>
    internal static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' or '\u007f' => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
