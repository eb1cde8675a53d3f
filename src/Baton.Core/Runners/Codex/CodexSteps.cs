using System.Text.Json;
using System.Text.RegularExpressions;

using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Codex;

/// <summary>
/// Describes a Codex item in a few words, in the same style as Claude's steps: <c>Bash: npm test</c>,
/// <c>Edit src/app.ts</c>, <c>github.search_issues</c>. Items that are not actions (messages, reasoning) have none.
/// </summary>
public static partial class CodexSteps
{
    private const int MaxLength = 100;

    /// <summary>The step an item stands for, or null if it is not an action.</summary>
    public static string? Describe(JsonElement item, string workingDirectory)
    {
        var step = JsonFields.Text(item, "type") switch
        {
            "command_execution" => JsonFields.Text(item, "command") is { } command ? "Bash: " + StepText.FirstLine(UnwrapShell(command)) : "Bash",
            "file_change" => FileChange(item, workingDirectory),
            "mcp_tool_call" => $"{JsonFields.Text(item, "server")}.{JsonFields.Text(item, "tool")}",
            "web_search" => JsonFields.Text(item, "query") is { Length: > 0 } query ? "WebSearch: " + query : "WebSearch",
            "todo_list" or "plan" => "Update plan",
            "collab_tool_call" => JsonFields.Text(item, "tool") is { } tool ? "Agent: " + tool : "Agent",
            _ => null,
        };
        return step is null || step.Length <= MaxLength ? step : step[..(MaxLength - 3)] + "...";
    }

    /// <summary>
    /// The command inside Codex's shell wrapper: <c>/bin/bash -lc 'cat a.txt'</c> is <c>cat a.txt</c>. Anything
    /// else is returned as it is.
    /// </summary>
    public static string UnwrapShell(string command)
    {
        var match = ShellWrapper().Match(command);
        if (!match.Success)
        {
            return command;
        }

        var body = match.Groups["body"].Value;
        if (body.Length >= 2 && body[0] == '\'' && body[^1] == '\'')
        {
            return body[1..^1].Replace("'\\''", "'", StringComparison.Ordinal);
        }

        return body.Length >= 2 && body[0] == '"' && body[^1] == '"'
            ? body[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal)
            : body;
    }

    private static string FileChange(JsonElement item, string workingDirectory)
    {
        var changes = JsonFields.Child(item, "changes");
        if (changes.ValueKind != JsonValueKind.Array || changes.GetArrayLength() == 0)
        {
            return "Edit";
        }

        var first = changes[0];
        var verb = JsonFields.Text(first, "kind") switch
        {
            "add" => "Write",
            "delete" => "Delete",
            _ => "Edit",
        };
        var more = changes.GetArrayLength() > 1 ? $" (+{changes.GetArrayLength() - 1} more)" : string.Empty;
        return $"{verb} {StepText.Relative(JsonFields.Text(first, "path") ?? "?", workingDirectory)}{more}";
    }



    [GeneratedRegex(@"^(?:\S*/)?(?:bash|zsh|sh)\s+-l?c\s+(?<body>.+)$", RegexOptions.Singleline)]
    private static partial Regex ShellWrapper();
}
