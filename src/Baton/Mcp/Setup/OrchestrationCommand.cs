namespace Baton.Mcp.Setup;

/// <summary>
/// The <c>/orchestration</c> slash command for Claude Code (<c>.claude/commands/orchestration.md</c>): its actions
/// <c>status</c> and <c>config</c> are answered by Baton's MCP tools (<c>stream_list</c>), and the streams are run by
/// Baton itself, so there is no script to generate.
/// </summary>
internal static class OrchestrationCommand
{
    /// <summary>The file's path under a project's or the user's <c>.claude</c> folder.</summary>
    public static string PathUnder(string claudeDirectory) => Path.Combine(claudeDirectory, "commands", "orchestration.md");

    /// <summary>Writes the command; Unchanged when the file holds it already.</summary>
    public static McpSetupOutcome Write(string path)
    {
        var existing = File.Exists(path) ? File.ReadAllText(path) : null;
        if (existing == Text)
        {
            return McpSetupOutcome.Unchanged;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Text);
        return existing is null ? McpSetupOutcome.Added : McpSetupOutcome.Updated;
    }

    /// <summary>The command's text.</summary>
    public static string Text { get; } = $$"""
        ---
        description: Show the streams of the current Baton initiative (status) or its configuration (config)
        argument-hint: "[status|config] [initiative]"
        allowed-tools: mcp__{{McpServerEntry.ServerName}}__stream_list, mcp__{{McpServerEntry.ServerName}}__workflow_status
        ---
        # Orchestration

        Streams of an initiative run in Baton: foundation streams first, then up to five parallel streams, each in its own
        git worktree and branch (`baton/INITIATIVE/STREAM`), then integration once the stream branches are merged. Baton
        starts the sessions itself; there is no script to generate.

        Arguments: `$ARGUMENTS` — the action (`status`, the default, or `config`), then optionally an initiative's id or name.

        ## Action: status

        Call the `stream_list` tool of the `{{McpServerEntry.ServerName}}` MCP server (pass `initiative` if one was given).

        - If it returns no initiative, say "No active initiative" and suggest `baton initiative run FILE`.
        - If the initiative has no streams, say "No streams defined" and suggest `baton stream add`.
        - Otherwise show `## Stream Status`, the total number of streams and how many have tasks in progress, then per phase
          (Foundation, Parallel, Integration) each stream as:

          ```
          STREAM_ID (STREAM_NAME)
          ├─ Progress: ██████████░░░░░░░░░░ 50% (1/2 tasks)
          ├─ Status: STATUS
          ├─ Worktree: WORKTREE_PATH (if any)
          ├─ Branch: BRANCH
          └─ Dependencies: each dependency with its progress, or None
          ```

          Draw the bar with 20 characters, one █ per 5% of `progressPercentage`, ░ for the rest.
        - End with suggested next actions: follow it live with `baton initiative status ID --watch`; answer what waits for a
          person with `baton inbox` (a merge conflict of the integration is one).

        ## Action: config

        Call `stream_list` as above and show `## Current Orchestration Configuration`: the initiative's name, id and
        status, the API endpoint (`http://127.0.0.1:9090/api/streams`, Baton's daemon), and the count of streams per phase
        (foundation, parallel, integration). Mention that `baton initiative status ID --json` prints the full configuration.
        """;
}
