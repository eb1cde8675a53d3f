using System.Globalization;

namespace Baton.Core.Runners.Agents;

/// <summary>
/// How an agent CLI starts Baton's agent-side MCP server (<c>baton mcp --task ID --attempt N</c>): the executable, the
/// arguments before <c>mcp</c> (the dll when Baton runs under <c>dotnet</c>), and the variables that point it at the
/// daemon's store. The runners add it to the agent's MCP configuration for that run only.
/// </summary>
/// <param name="Command">The Baton executable (or <c>dotnet</c>).</param>
/// <param name="Prefix">Arguments before <c>mcp</c>.</param>
/// <param name="Environment">BATON_HOME and BATON_DB as the daemon has them.</param>
public sealed record AgentMcpServer(string Command, IReadOnlyList<string> Prefix, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>The server's name in the agent's configuration; Claude Code calls its tools <c>mcp__baton__NAME</c>.</summary>
    public const string Name = "baton";

    /// <summary>The tools it serves.</summary>
    public static IReadOnlyList<string> ToolNames { get; } = ["context_save", "context_load", "progress_update"];

    /// <summary>The arguments that serve one task's attempt.</summary>
    public IReadOnlyList<string> ArgumentsFor(string taskId, int attempt) =>
        [.. Prefix, "mcp", "--task", taskId, "--attempt", attempt.ToString(CultureInfo.InvariantCulture)];
}

/// <summary>Baton's MCP server for one attempt: what the runners hand to an agent's command line.</summary>
public sealed record AgentMcpRun(AgentMcpServer Server, string TaskId, int Attempt)
{
    /// <summary>Its arguments.</summary>
    public IReadOnlyList<string> Arguments => Server.ArgumentsFor(TaskId, Attempt);

    /// <summary>
    /// For an attempt, unless the runner has no server (baton.json's <c>agent_mcp: false</c>) or the agent's definition
    /// turned it off (<c>agent_mcp: false</c>).
    /// </summary>
    public static AgentMcpRun? For(AgentMcpServer? server, AttemptContext context) =>
        server is null || context.Task.Definition.Agent?.AgentMcp == false ? null : new AgentMcpRun(server, context.Task.Id, context.Attempt.Number);
}
