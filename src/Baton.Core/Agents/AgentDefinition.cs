namespace Baton.Core.Agents;

/// <summary>
/// A named agent: a markdown file whose YAML front matter follows Claude Code's <c>.claude/agents/*.md</c> format
/// (plus Baton's own keys) and whose body is the system prompt.
/// </summary>
public sealed record AgentDefinition
{
    /// <summary>The agent's name (<c>name</c>), which tasks refer to; not the file name.</summary>
    public required string Name { get; init; }

    /// <summary>When to use the agent (<c>description</c>); a literal <c>\n</c> in the file becomes a newline.</summary>
    public required string Description { get; init; }

    /// <summary>The trimmed markdown body after the front matter.</summary>
    public string SystemPrompt { get; init; } = string.Empty;

    /// <summary>Tools the agent may use (<c>tools</c>); null when omitted or <c>*</c>, meaning all tools.</summary>
    public IReadOnlyList<string>? Tools { get; init; }

    /// <summary>Tools the agent must not use (<c>disallowedTools</c>).</summary>
    public IReadOnlyList<string> DisallowedTools { get; init; } = [];

    /// <summary>The model alias or id (<c>model</c>) as written, e.g. <c>sonnet</c> or <c>inherit</c>; null for the runner's default.</summary>
    public string? Model { get; init; }

    /// <summary>Claude Code's permission mode (<c>permissionMode</c>), e.g. <c>acceptEdits</c>.</summary>
    public string? PermissionMode { get; init; }

    /// <summary>The bound on agentic turns (<c>maxTurns</c>); at least 1.</summary>
    public int? MaxTurns { get; init; }

    /// <summary>The reasoning effort (<c>effort</c>) as written.</summary>
    public string? Effort { get; init; }

    /// <summary>Baton's runner for the agent (<c>runner</c>): claude (default), codex, gemini or command.</summary>
    public string Runner { get; init; } = AgentRunners.Default;

    /// <summary>Bound on each attempt's run time (<c>timeout_seconds</c>); null for the task's own setting.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>
    /// How long the agent's questions and approval requests wait for a person (<c>input_timeout_seconds</c>) before
    /// <see cref="OnInputTimeout"/> applies; null waits.
    /// </summary>
    public int? InputTimeoutSeconds { get; init; }

    /// <summary>What the input timeout does (<c>on_input_timeout</c>: deny, fail or pause); null for deny.</summary>
    public Interactions.InputTimeoutAction? OnInputTimeout { get; init; }

    /// <summary>How many times a failed attempt is retried (<c>max_retries</c>); null for the task's own setting.</summary>
    public int? MaxRetries { get; init; }

    /// <summary>Whether each task of this agent runs in its own git worktree (<c>worktree</c>).</summary>
    public bool Worktree { get; init; }

    /// <summary>Whether its runs get Baton's own MCP server (<c>agent_mcp</c>, on unless false).</summary>
    public bool AgentMcp { get; init; } = true;

    /// <summary>Variables added to each attempt's environment (the <c>env</c> mapping). Values may be secrets: never log them.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The absolute path of the file this definition came from.</summary>
    public required string SourcePath { get; init; }

    /// <summary>Which kind of directory the file was found in.</summary>
    public required AgentSource Source { get; init; }
}
