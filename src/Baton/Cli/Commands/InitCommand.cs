using System.CommandLine;
using Baton.Mcp;
using Baton.Mcp.Setup;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton init claude [--scope project|user] [--print]</c>: adds Baton's MCP server (this executable with <c>mcp</c>)
/// to Claude Code: the project's <c>.mcp.json</c>, or the user's configuration through <c>claude mcp add</c>.
/// </summary>
internal static class InitCommand
{
    public static Command Create()
    {
        var scope = new Option<string>("--scope")
        {
            Description = "project: .mcp.json in the current directory (shared with the repository); user: every project of yours, through 'claude mcp add --scope user'",
            DefaultValueFactory = _ => "project",
        };
        scope.AcceptOnlyFromAmong("project", "user");
        var print = new Option<bool>("--print") { Description = "Only print the equivalent 'claude mcp add' command; change nothing" };
        var orchestration = new Option<bool>("--orchestration") { Description = "Also install the /orchestration slash command (.claude/commands/orchestration.md), answered by Baton's stream_list tool" };
        var json = CommandAction.JsonOption();
        var claude = new Command("claude", "Add Baton's MCP server to Claude Code's configuration") { scope, print, orchestration, json };
        CommandAction.Set(claude, json, async (r, ct) =>
        {
            var entry = McpServerEntry.ForThisExecutable();
            var chosen = r.GetValue(scope)!;
            var command = entry.ClaudeMcpAddLine(chosen);
            if (r.GetValue(print))
            {
                Report(r.GetValue(json), new InitView(chosen, null, "printed", command), command);
                return ExitCodes.Success;
            }

            var file = chosen == "project" ? Path.Combine(Environment.CurrentDirectory, ProjectMcpConfig.FileName) : null;
            var outcome = file is null ? await ClaudeUserScope.AddAsync(entry, ct) : ProjectMcpConfig.Write(file, entry);
            var where = file ?? "your Claude Code user configuration";
            var message = outcome switch
            {
                McpSetupOutcome.Added => $"Added the '{McpServerEntry.ServerName}' MCP server to {where}",
                McpSetupOutcome.Updated => $"Updated the '{McpServerEntry.ServerName}' MCP server in {where}",
                _ => $"The '{McpServerEntry.ServerName}' MCP server is already in {where}; nothing changed",
            };
            Report(r.GetValue(json), new InitView(chosen, file, outcome.ToString().ToLowerInvariant(), command), null);
            CliOutput.Note($"{message} (it runs: {string.Join(' ', [.. entry.Environment.Select(e => $"{e.Key}={e.Value}"), entry.Command, .. entry.Arguments])}).");
            CliOutput.Note(file is null
                ? "Check it with 'claude mcp list'."
                : "Claude Code asks you to approve the project's servers when it starts there; 'claude mcp list' shows whether it connects.");
            if (file is not null)
            {
                // Headless runs never ask, so an unapproved project server is silently left out of them.
                CliOutput.Note($"Headless runs (claude -p) cannot ask: approve it with \"enabledMcpjsonServers\": [\"{McpServerEntry.ServerName}\"] "
                    + "(or \"enableAllProjectMcpServers\": true) in .claude/settings.local.json, or run claude -p --mcp-config .mcp.json.");
            }

            if (r.GetValue(orchestration))
            {
                var claudeDirectory = chosen == "project"
                    ? Path.Combine(Environment.CurrentDirectory, ".claude")
                    : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".claude");
                var commandFile = OrchestrationCommand.PathUnder(claudeDirectory);
                var written = OrchestrationCommand.Write(commandFile);
                CliOutput.Note(written == McpSetupOutcome.Unchanged
                    ? $"The /orchestration command is already in {commandFile}; nothing changed."
                    : $"{(written == McpSetupOutcome.Added ? "Added" : "Updated")} the /orchestration command in {commandFile} ('/orchestration status' in Claude Code shows the streams).");
            }

            return ExitCodes.Success;
        });
        return new Command("init", "Write the MCP configuration for an MCP client (Claude Code)") { claude };
    }

    private static void Report(bool json, InitView view, string? text)
    {
        if (json)
        {
            CliOutput.Json(view, McpJsonContext.Default.InitView);
        }
        else if (text is not null)
        {
            Console.Out.WriteLine(text);
        }
    }
}
