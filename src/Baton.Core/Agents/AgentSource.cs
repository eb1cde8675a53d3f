namespace Baton.Core.Agents;

/// <summary>
/// Where an agent definition was found. The order is the precedence: a configured directory beats the project's
/// <c>.claude/agents</c>, which beats the user's <c>~/.claude/agents</c>.
/// </summary>
public enum AgentSource
{
    /// <summary>A directory named in Baton's configuration.</summary>
    Configured = 0,

    /// <summary>The project's <c>.claude/agents</c> directory.</summary>
    Project = 1,

    /// <summary>The user's <c>~/.claude/agents</c> directory.</summary>
    User = 2,
}
