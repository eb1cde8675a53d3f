using Baton.Core.Errors;

namespace Baton.Core.Agents;

/// <summary>
/// Every agent definition found in a set of directories, with the files that could not be used and the
/// definitions hidden by a higher-precedence one of the same name. Loading never throws for bad files.
/// </summary>
public sealed class AgentCatalog
{
    private readonly Dictionary<string, AgentDefinition> byName;

    private AgentCatalog(IReadOnlyList<AgentDirectory> directories, List<AgentDefinition> agents, List<AgentProblem> problems, List<ShadowedAgent> shadowed)
    {
        Directories = directories;
        Agents = [.. agents.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ThenBy(a => a.Name, StringComparer.Ordinal)];
        Problems = problems;
        Shadowed = shadowed;
        byName = agents.ToDictionary(a => a.Name, StringComparer.Ordinal);
    }

    /// <summary>The directories searched, in precedence order, each once (whether or not it exists).</summary>
    public IReadOnlyList<AgentDirectory> Directories { get; }

    /// <summary>The definitions in use, sorted by name.</summary>
    public IReadOnlyList<AgentDefinition> Agents { get; }

    /// <summary>Files that could not be used, in the order they were read.</summary>
    public IReadOnlyList<AgentProblem> Problems { get; }

    /// <summary>Definitions not used because a higher-precedence file defines the same name.</summary>
    public IReadOnlyList<ShadowedAgent> Shadowed { get; }

    /// <summary>
    /// Reads every <c>*.md</c> directly inside each directory (sorted by file name; missing directories are skipped).
    /// Configured directories win over the project's, which win over the user's; within one source the earlier
    /// directory wins; within one directory the earlier file name wins.
    /// </summary>
    public static AgentCatalog Load(IReadOnlyList<AgentDirectory> directories)
    {
        var ordered = directories
            .Select((directory, index) => (Directory: directory with { Path = Path.GetFullPath(directory.Path) }, Index: index))
            .OrderBy(d => d.Directory.Source)
            .ThenBy(d => d.Index)
            .Select(d => d.Directory)
            .DistinctBy(d => Path.TrimEndingDirectorySeparator(d.Path), StringComparer.Ordinal)
            .ToList();
        var agents = new List<AgentDefinition>();
        var winners = new Dictionary<string, AgentDefinition>(StringComparer.Ordinal);
        var problems = new List<AgentProblem>();
        var shadowed = new List<ShadowedAgent>();
        foreach (var directory in ordered)
        {
            foreach (var file in Files(directory, problems))
            {
                var result = AgentFileParser.Parse(file, directory.Source);
                problems.AddRange(result.Problems);
                if (result.Agent is not { } agent)
                {
                    continue;
                }

                if (winners.TryGetValue(agent.Name, out var winner))
                {
                    shadowed.Add(new ShadowedAgent(agent.Name, agent.SourcePath, agent.Source, winner.SourcePath, winner.Source));
                    continue;
                }

                winners.Add(agent.Name, agent);
                agents.Add(agent);
            }
        }

        return new AgentCatalog(ordered, agents, problems, shadowed);
    }

    /// <summary>
    /// The default directories, in precedence order: each configured one (relative paths against
    /// <paramref name="workingDirectory"/>, <c>~/</c> against <paramref name="homeDirectory"/>); the project's
    /// <c>.claude/agents</c> — the nearest one from <paramref name="workingDirectory"/> upwards, not above the git
    /// root and not the home directory's own; then <c>~/.claude/agents</c>.
    /// </summary>
    public static IReadOnlyList<AgentDirectory> DefaultDirectories(string workingDirectory, string homeDirectory, IReadOnlyList<string> configured) =>
        AgentDirectoryLocator.Default(workingDirectory, homeDirectory, configured);

    /// <summary>The agent called <paramref name="name"/>: an exact match, else the only case-insensitive one; or null.</summary>
    public AgentDefinition? Find(string name)
    {
        if (byName.TryGetValue(name, out var exact))
        {
            return exact;
        }

        var matches = Agents.Where(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    /// <summary>Up to <paramref name="max"/> known names closest to <paramref name="name"/>, closest first.</summary>
    public IReadOnlyList<string> Suggest(string name, int max = 3) => Text.NameSuggester.Suggest(name, Agents.Select(a => a.Name), max);

    /// <summary>The agent called <paramref name="name"/>, or a not-found error that suggests the closest names.</summary>
    public AgentDefinition Require(string name)
    {
        if (Find(name) is { } agent)
        {
            return agent;
        }

        var suggestions = Suggest(name);
        var hint = suggestions.Count > 0
            ? $"did you mean: {string.Join(", ", suggestions)}?"
            : Agents.Count > 0 ? "run 'baton agents' to list the agents" : "no agent definitions were found; run 'baton agents' to see where Baton looks";
        // The definition the user means may be in a file that failed to parse; say so rather than only "unknown".
        var broken = Problems.Select(p => p.File).Distinct(StringComparer.Ordinal).Count();
        var problems = broken == 0 ? string.Empty
            : $" ({broken} agent {(broken == 1 ? "file has problems" : "files have problems")}; 'baton agents' shows them)";
        throw BatonException.NotFound($"unknown agent '{name}'; {hint}{problems}");
    }

    private static IEnumerable<string> Files(AgentDirectory directory, List<AgentProblem> problems)
    {
        if (!System.IO.Directory.Exists(directory.Path))
        {
            return [];
        }

        try
        {
            return [.. System.IO.Directory.EnumerateFiles(directory.Path, "*.md", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add(new AgentProblem(directory.Path, 1, $"cannot list the directory ({ex.Message}); check its permissions or remove it from the agent directories"));
            return [];
        }
    }
}
