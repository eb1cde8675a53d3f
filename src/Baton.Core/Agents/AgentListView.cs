namespace Baton.Core.Agents;

/// <summary>Everything <c>baton agents --json</c> prints: the agents in use, problems, shadowed files and where it looked.</summary>
public sealed record AgentListView
{
    public required IReadOnlyList<AgentView> Agents { get; init; }
    public required IReadOnlyList<AgentProblem> Problems { get; init; }
    public required IReadOnlyList<ShadowedAgentView> Shadowed { get; init; }
    public required IReadOnlyList<AgentDirectoryView> Directories { get; init; }

    /// <summary>The view of <paramref name="catalog"/>.</summary>
    public static AgentListView Of(AgentCatalog catalog) => new()
    {
        Agents = [.. catalog.Agents.Select(AgentView.Of)],
        Problems = catalog.Problems,
        Shadowed = [.. catalog.Shadowed.Select(s => new ShadowedAgentView(s.Name, s.Path, Wire(s.Source), s.WinnerPath, Wire(s.WinnerSource)))],
        Directories = [.. catalog.Directories.Select(d => new AgentDirectoryView(d.Path, Wire(d.Source), Directory.Exists(d.Path)))],
    };

    /// <summary>The wire name of <paramref name="source"/>: configured, project or user.</summary>
    public static string Wire(AgentSource source) => source switch
    {
        AgentSource.Configured => "configured",
        AgentSource.Project => "project",
        _ => "user",
    };
}
