namespace Baton.Core.Agents;

/// <summary>A directory that holds agent files (<c>*.md</c>, read non-recursively) and which source it stands for.</summary>
public sealed record AgentDirectory(string Path, AgentSource Source);
