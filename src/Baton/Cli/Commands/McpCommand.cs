using System.CommandLine;
using System.Globalization;
using Baton.Core.Errors;
using Baton.Mcp.Agent;
using Baton.Mcp.Stdio;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton mcp</c>: serve MCP on stdin and stdout (what <c>baton init claude</c> configures Claude Code to run). With
/// <c>--task</c>, the server an agent run by Baton gets for its own task instead (its runner configures it).
/// </summary>
internal static class McpCommand
{
    public static Command Create()
    {
        var task = new Option<string?>("--task")
        {
            Description = "Serve only the tools of an agent that Baton runs for this task (context_save, context_load, progress_update); set by Baton's runners",
            HelpName = "TASK_ID",
        };
        var attempt = new Option<int?>("--attempt") { Description = "The attempt the agent runs as (default: $BATON_ATTEMPT)", HelpName = "N" };
        var command = new Command(
            "mcp",
            "Serve MCP on stdin/stdout for Claude Code and other MCP clients (the tools task_async, task_status, ...); starts a daemon if none runs")
        {
            task,
            attempt,
        };
        CommandAction.Set(command, null, async (parse, ct) =>
        {
            if (parse.GetValue(task) is { } taskId)
            {
                await AgentMcpHost.RunAsync(new AgentRun(taskId, AttemptOf(parse.GetValue(attempt))), AgentMcpServicesOpener.OpenAsync, ct);
                return ExitCodes.Success;
            }

            await McpStdioHost.RunAsync(McpStdioServices.OpenAsync, ct);
            return ExitCodes.Success;
        });
        return command;
    }

    private static int AttemptOf(int? given) =>
        given ?? (int.TryParse(Environment.GetEnvironmentVariable("BATON_ATTEMPT"), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new BatonException(ErrorKind.InvalidInput, "baton mcp --task needs --attempt N (or BATON_ATTEMPT, set inside a running task)"));
}
