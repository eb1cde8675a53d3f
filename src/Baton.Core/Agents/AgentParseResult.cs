namespace Baton.Core.Agents;

/// <summary>The outcome of parsing one agent file: a definition when there were no problems, otherwise the problems.</summary>
public sealed record AgentParseResult(AgentDefinition? Agent, IReadOnlyList<AgentProblem> Problems);
