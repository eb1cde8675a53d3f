namespace Baton.Core.Agents;

/// <summary>One agent definition as <c>baton agents --json</c> shows it. Environment values are left out: they may be secrets.</summary>
public sealed record AgentView
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required string Runner { get; init; }
    public string? Model { get; init; }
    /// <summary>Null when the agent may use every tool.</summary>
    public IReadOnlyList<string>? Tools { get; init; }
    public required IReadOnlyList<string> DisallowedTools { get; init; }
    public string? PermissionMode { get; init; }
    public int? MaxTurns { get; init; }
    public string? Effort { get; init; }
    public int? TimeoutSeconds { get; init; }
    public int? MaxRetries { get; init; }
    public int? InputTimeoutSeconds { get; init; }
    /// <summary>deny, fail or pause; null for the default (deny).</summary>
    public string? OnInputTimeout { get; init; }
    public required bool Worktree { get; init; }
    /// <summary>Names only: values may be secrets.</summary>
    public required IReadOnlyList<string> EnvironmentKeys { get; init; }
    public required string Source { get; init; }
    public required string Path { get; init; }

    /// <summary>The view of <paramref name="agent"/>.</summary>
    public static AgentView Of(AgentDefinition agent) => new()
    {
        Name = agent.Name,
        Description = agent.Description,
        Runner = agent.Runner,
        Model = agent.Model,
        Tools = agent.Tools,
        DisallowedTools = agent.DisallowedTools,
        PermissionMode = agent.PermissionMode,
        MaxTurns = agent.MaxTurns,
        Effort = agent.Effort,
        TimeoutSeconds = agent.TimeoutSeconds,
        MaxRetries = agent.MaxRetries,
        InputTimeoutSeconds = agent.InputTimeoutSeconds,
        OnInputTimeout = agent.OnInputTimeout is { } action ? Interactions.InputTimeoutActions.ToWire(action) : null,
        Worktree = agent.Worktree,
        EnvironmentKeys = [.. agent.Environment.Keys.Order(StringComparer.Ordinal)],
        Source = AgentListView.Wire(agent.Source),
        Path = agent.SourcePath,
    };
}
