namespace Baton.Core.Agents;

/// <summary>Finds the directories Baton reads agent files from, in precedence order.</summary>
internal static class AgentDirectoryLocator
{
    public static IReadOnlyList<AgentDirectory> Default(string workingDirectory, string homeDirectory, IReadOnlyList<string> configured)
    {
        var working = Path.GetFullPath(workingDirectory);
        // Without a home directory (HOME unset, as under some service managers) there are no user agents.
        var home = string.IsNullOrWhiteSpace(homeDirectory) ? null : Path.GetFullPath(homeDirectory, working);
        var result = configured.Select(dir => new AgentDirectory(Resolve(dir, working, home), AgentSource.Configured)).ToList();
        if (FindProject(working, home) is { } project)
        {
            result.Add(new AgentDirectory(project, AgentSource.Project));
        }

        if (home is not null)
        {
            result.Add(new AgentDirectory(AgentsIn(home), AgentSource.User));
        }

        return result;
    }

    /// <summary>
    /// The nearest <c>.claude/agents</c> from <paramref name="working"/> upwards. The walk stops at the git root
    /// (a folder holding <c>.git</c>, a directory or a worktree's file), at the filesystem root, and before the
    /// home directory, whose <c>.claude/agents</c> holds the user's agents rather than a project's.
    /// </summary>
    private static string? FindProject(string working, string? home)
    {
        for (var dir = new DirectoryInfo(working); dir is not null; dir = dir.Parent)
        {
            if (home is not null && SamePath(dir.FullName, home))
            {
                return null;
            }

            var candidate = AgentsIn(dir.FullName);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }

            var git = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return null;
            }
        }

        return null;
    }

    private static string Resolve(string dir, string working, string? home)
    {
        if (dir == "~" && home is not null)
        {
            return home;
        }

        var expanded = dir.StartsWith("~/", StringComparison.Ordinal) && home is not null ? Path.Combine(home, dir[2..]) : dir;
        return Path.GetFullPath(expanded, working);
    }

    private static string AgentsIn(string dir) => Path.Combine(dir, ".claude", "agents");

    public static bool SamePath(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(a), Path.TrimEndingDirectorySeparator(b), StringComparison.Ordinal);
}
