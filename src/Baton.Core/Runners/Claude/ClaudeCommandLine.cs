using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Claude;

/// <summary>
/// The arguments for a headless Claude Code run: stream-json output (which needs --verbose), a session id chosen
/// by Baton, and the agent's settings. List-valued flags use the --flag=value form, because their space-separated
/// form is variadic and would swallow what follows. The prompt goes on stdin, never on the command line. An
/// interactive run (someone can answer) also reads stream-json from stdin and sends its permission requests there.
/// </summary>
public static class ClaudeCommandLine
{
    /// <summary>Arguments for a new session with the given id.</summary>
    public static IReadOnlyList<string> ForNewSession(AgentSpec? agent, string? model, string sessionId, bool interactive = false, AgentMcpRun? baton = null) =>
        Build(agent, model, ["--session-id", sessionId], interactive, baton);

    /// <summary>Arguments that resume an earlier session (same working directory).</summary>
    public static IReadOnlyList<string> ForResume(AgentSpec? agent, string? model, string sessionId, bool interactive = false, AgentMcpRun? baton = null) =>
        Build(agent, model, ["--resume", sessionId], interactive, baton);

    /// <summary>
    /// Arguments that resume a copy of an earlier session (same working directory): the CLI gives the copy a new id,
    /// reported in its stream, and leaves the original's file as it was.
    /// </summary>
    public static IReadOnlyList<string> ForFork(AgentSpec? agent, string? model, string sessionId, bool interactive = false, AgentMcpRun? baton = null) =>
        Build(agent, model, ["--resume", sessionId, "--fork-session"], interactive, baton);

    private static List<string> Build(AgentSpec? agent, string? model, IReadOnlyList<string> session, bool interactive, AgentMcpRun? baton)
    {
        var args = new List<string> { "-p", "--output-format", "stream-json", "--verbose" };
        if (interactive)
        {
            args.AddRange(["--input-format", "stream-json", "--permission-prompt-tool", "stdio"]);
        }

        args.AddRange(session);
        if (AgentPrompts.Model(agent, model) is { } chosen)
        {
            args.Add($"--model={chosen}");
        }

        // Baton's own tools for this run: the agent saves its context and reports progress without being asked about it.
        IReadOnlyList<string> batonTools = [];
        if (baton is not null)
        {
            args.Add($"--mcp-config={ClaudeMcpConfig.Json(baton)}");
            batonTools = ClaudeMcpConfig.AllowedTools;
        }

        if (agent is null)
        {
            if (batonTools.Count > 0)
            {
                args.Add($"--allowedTools={string.Join(',', batonTools)}");
            }

            return args;
        }

        if (!string.IsNullOrWhiteSpace(agent.SystemPrompt))
        {
            args.Add($"--append-system-prompt={agent.SystemPrompt}");
        }

        if ((agent.Tools ?? []).Concat(batonTools).ToList() is { Count: > 0 } tools)
        {
            args.Add($"--allowedTools={string.Join(',', tools)}");
        }

        if (agent.DisallowedTools.Count > 0)
        {
            args.Add($"--disallowedTools={string.Join(',', agent.DisallowedTools)}");
        }

        if (agent.PermissionMode is { Length: > 0 } mode)
        {
            args.Add($"--permission-mode={mode}");
        }

        if (agent.MaxTurns is { } turns)
        {
            args.Add($"--max-turns={turns}");
        }

        return args;
    }
}
