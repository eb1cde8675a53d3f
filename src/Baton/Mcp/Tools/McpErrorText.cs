using System.Text.RegularExpressions;

namespace Baton.Mcp.Tools;

/// <summary>
/// Baton's error messages point to the command that helps ("'baton task list' shows recent tasks"); an agent calling
/// MCP tools needs the tool instead ("list_tasks shows recent tasks"). This rewrites such pointers, once, where MCP maps
/// errors to results, so the application layer keeps one message per error. Commands without a tool (an agent
/// definition listing, a retry) stay as they are: a terminal is then the way.
/// </summary>
internal static partial class McpErrorText
{
    private static readonly Dictionary<string, string> Tools = new(StringComparer.Ordinal)
    {
        ["task add"] = "task_async",
        ["task list"] = "list_tasks",
        ["task status"] = "task_status",
        ["task wait"] = "task_status",
        ["task cancel"] = "task_cancel",
        ["workflow create"] = "workflow_create",
        ["workflow add-phase"] = "workflow_add_phase",
        ["workflow add-task"] = "workflow_add_task",
        ["workflow start"] = "workflow_start",
        ["workflow status"] = "workflow_status",
        ["notifications"] = "get_notifications",
        ["inbox"] = "list_interactions",
        ["task approve"] = "interaction_respond",
        ["task deny"] = "interaction_respond",
        ["task answer"] = "interaction_respond",
        ["task intervene"] = "task_intervene",
        ["task pause"] = "task_intervene",
        ["task resume"] = "task_intervene",
    };

    // Whole phrases that read wrongly once their command is a tool, or name a command no tool stands for.
    private static readonly (string Cli, string Mcp)[] Phrases =
    [
        ("'baton workflow list' shows recent workflows", "a workflow id is what workflow_create returned"),
        (" or 'baton workflow list'", string.Empty),
        ("as printed by", "as returned by"),
    ];

    public static string Of(string message)
    {
        var text = message;
        foreach (var (cli, mcp) in Phrases)
        {
            text = text.Replace(cli, mcp, StringComparison.Ordinal);
        }

        // "(workflow_add_task, or 'baton workflow add-task')": the tool is named already.
        text = ToolOrCommand().Replace(text, match => IsToolFor(match.Groups["tool"].Value, match.Groups["command"].Value) ? match.Groups["tool"].Value : match.Value);
        return Command().Replace(text, match => Tools.TryGetValue(match.Groups["command"].Value, out var tool) ? tool : match.Value);
    }

    private static bool IsToolFor(string tool, string command) => Tools.TryGetValue(command, out var named) && named == tool;

    [GeneratedRegex(@"(?<tool>[a-z_]+), or 'baton (?<command>[a-z]+(?: [a-z-]+)?)(?: [^']*)?'")]
    private static partial Regex ToolOrCommand();

    [GeneratedRegex(@"'baton (?<command>[a-z]+(?: [a-z-]+)?)(?: [^']*)?'")]
    private static partial Regex Command();
}
