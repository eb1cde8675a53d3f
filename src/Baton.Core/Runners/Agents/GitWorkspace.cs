using Baton.Core.Processes;

namespace Baton.Core.Runners.Agents;

/// <summary>
/// What an agent changed in a git working directory: the commit it started from, then the files that differ from
/// it (committed, staged, unstaged or new) and the commits made since. Not a repository, or git missing: nothing.
/// </summary>
public sealed class GitWorkspace
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);
    private readonly string directory;
    private readonly string? startCommit;

    private GitWorkspace(string directory, string? startCommit)
    {
        this.directory = directory;
        this.startCommit = startCommit;
    }

    /// <summary>Notes where the repository stands before the run; null if the directory is not in a git repository.</summary>
    public static async Task<GitWorkspace?> SnapshotAsync(string directory, CancellationToken cancellationToken = default)
    {
        var inside = await CapturedCommand.RunAsync("git", ["rev-parse", "--is-inside-work-tree"], directory, Limit, cancellationToken);
        if (inside is not (0, _) || inside.Value.Output.Trim() != "true")
        {
            return null;
        }

        // An empty repository has no HEAD yet; then every file and commit is new.
        var head = await CapturedCommand.RunAsync("git", ["rev-parse", "--verify", "--quiet", "HEAD"], directory, Limit, cancellationToken);
        return new GitWorkspace(directory, head is (0, var sha) ? sha.Trim() : null);
    }

    /// <summary>The details with the files changed and commits made since the snapshot.</summary>
    public async Task<AgentRunDetails> AddChangesAsync(AgentRunDetails details, CancellationToken cancellationToken = default)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        if (startCommit is not null && await CapturedCommand.RunAsync("git", ["diff", "--name-only", "-z", startCommit], directory, Limit, cancellationToken) is (0, var diff))
        {
            files.UnionWith(diff.Split('\0', StringSplitOptions.RemoveEmptyEntries));
        }

        if (await CapturedCommand.RunAsync("git", ["status", "--porcelain=v1", "-z", "--untracked-files=all"], directory, Limit, cancellationToken) is (0, var status))
        {
            // Entries are "XY path"; a rename is followed by its old path as a separate entry, which is skipped.
            var entries = status.Split('\0', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < entries.Length; i++)
            {
                if (entries[i].Length > 3)
                {
                    files.Add(entries[i][3..]);
                    if (entries[i][0] is 'R' or 'C')
                    {
                        i++;
                    }
                }
            }
        }

        var range = startCommit is null ? "HEAD" : $"{startCommit}..HEAD";
        var commits = await CapturedCommand.RunAsync("git", ["log", "--format=%h %s", range], directory, Limit, cancellationToken) is (0, var log)
            ? log.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            : [];
        return details with { FilesChanged = [.. files], Commits = commits };
    }
}
