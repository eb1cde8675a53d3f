namespace Baton.Core.Agents;

/// <summary>A definition hidden by a higher-precedence one of the same name, as <c>baton agents --json</c> shows it.</summary>
public sealed record ShadowedAgentView(string Name, string Path, string Source, string ShadowedByPath, string ShadowedBySource);
