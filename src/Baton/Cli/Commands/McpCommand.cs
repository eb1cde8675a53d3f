using System.CommandLine;
using Baton.Mcp.Stdio;

namespace Baton.Cli.Commands;

/// <summary><c>baton mcp</c>: serve MCP on stdin and stdout (what <c>baton init claude</c> configures Claude Code to run).</summary>
internal static class McpCommand
{
    public static Command Create()
    {
        var command = new Command(
            "mcp",
            "Serve MCP on stdin/stdout for Claude Code and other MCP clients (the tools task_async, task_status, ...); starts a daemon if none runs");
        CommandAction.Set(command, null, async (_, ct) =>
        {
            await McpStdioHost.RunAsync(McpStdioServices.OpenAsync, ct);
            return ExitCodes.Success;
        });
        return command;
    }
}
