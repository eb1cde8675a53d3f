namespace Baton.Core.Agents;

/// <summary>A directory searched for agent files, as <c>baton agents --json</c> shows it.</summary>
public sealed record AgentDirectoryView(string Path, string Source, bool Exists);
