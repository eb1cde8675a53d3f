namespace Baton.Core.Runners.Agents;

/// <summary>
/// What an agent runner needs from an agent definition, copied into the task when it is queued so that every
/// attempt (retries, rescues, continuations) runs the same agent even if its file changes later.
/// </summary>
public sealed record AgentSpec
{
    /// <summary>The definition's name.</summary>
    public required string Name { get; init; }

    /// <summary>The definition's body: appended to the CLI's system prompt.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>Tools the agent may use without asking; null for the CLI's defaults.</summary>
    public IReadOnlyList<string>? Tools { get; init; }

    /// <summary>Tools the agent may not use.</summary>
    public IReadOnlyList<string> DisallowedTools { get; init; } = [];

    /// <summary>The definition's model; the task's model overrides it.</summary>
    public string? Model { get; init; }

    /// <summary>The CLI's permission mode.</summary>
    public string? PermissionMode { get; init; }

    /// <summary>How long this agent's questions wait for a person before <see cref="OnInputTimeout"/> applies; null waits.</summary>
    public int? InputTimeoutSeconds { get; init; }

    /// <summary>What the input timeout does; null for deny.</summary>
    public Interactions.InputTimeoutAction? OnInputTimeout { get; init; }

    /// <summary>The most turns the agent may take.</summary>
    public int? MaxTurns { get; init; }

    /// <summary>False when the agent's definition turned Baton's own MCP server off (<c>agent_mcp: false</c>); null is on.</summary>
    public bool? AgentMcp { get; init; }

    /// <summary>Variables added to the agent's environment (API keys, say); never logged or shown.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}
