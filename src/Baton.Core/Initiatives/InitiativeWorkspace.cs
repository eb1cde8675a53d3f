using Baton.Core.Errors;
using Baton.Core.Processes;
using Baton.Core.Worktrees;

namespace Baton.Core.Initiatives;

/// <summary>
/// The git worktrees of initiatives on disk. Archiving removes them all (their branches stay, holding the work) and
/// prunes git's records, so <c>git worktree list</c> shows no Baton entry; nothing re-creates them on unarchive: the
/// next task that needs one does, from its branch.
/// </summary>
/// <param name="worktreeDirectory">Baton's worktree root (the engine's <c>WorktreeDirectory</c>).</param>
public sealed class InitiativeWorkspace(string worktreeDirectory)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>Removes every worktree of <paramref name="initiative"/>; returns the paths removed.</summary>
    public async Task<IReadOnlyList<string>> ArchiveAsync(InitiativeRecord initiative, CancellationToken cancellationToken = default)
    {
        var repository = initiative.Definition.Repository;
        var directory = Path.GetFullPath(GitWorktrees.InitiativeDirectory(worktreeDirectory, initiative.Name)) + Path.DirectorySeparatorChar;
        var branchPrefix = $"refs/heads/baton/{initiative.Name}/";
        var removed = new List<string>();
        if (!Directory.Exists(repository))
        {
            // The repository is gone: nothing of git's to tidy; the folders go anyway.
            DeleteFolder(directory);
            return removed;
        }

        var listing = await GitAsync(repository, ["worktree", "list", "--porcelain"], cancellationToken)
            ?? throw new BatonException(ErrorKind.Unavailable, $"git could not list the worktrees of {repository}; is it still a git repository?");
        // The first entry is the repository itself, which is never Baton's to remove, whatever branch it is on.
        foreach (var (path, branch) in Parse(listing).Skip(1))
        {
            var full = Path.GetFullPath(path) + Path.DirectorySeparatorChar;
            if (!full.StartsWith(directory, StringComparison.Ordinal) && branch?.StartsWith(branchPrefix, StringComparison.Ordinal) != true)
            {
                continue;
            }

            if (await GitAsync(repository, ["worktree", "remove", "--force", "--force", path], cancellationToken) is null)
            {
                // Half-made by a crash: the folder goes if it is Baton's, and prune below forgets git's record of it.
                if (full.StartsWith(directory, StringComparison.Ordinal))
                {
                    DeleteFolder(path);
                }
            }

            removed.Add(path);
        }

        await GitAsync(repository, ["worktree", "prune"], cancellationToken);
        DeleteFolder(directory);
        return removed;
    }

    private static IEnumerable<(string Path, string? Branch)> Parse(string porcelain)
    {
        foreach (var block in porcelain.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = block.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var path = lines.FirstOrDefault(l => l.StartsWith("worktree ", StringComparison.Ordinal))?["worktree ".Length..];
            var branch = lines.FirstOrDefault(l => l.StartsWith("branch ", StringComparison.Ordinal))?["branch ".Length..];
            if (path is not null)
            {
                yield return (path, branch);
            }
        }
    }

    private static void DeleteFolder(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private static async Task<string?> GitAsync(string directory, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        await CapturedCommand.RunAsync("git", arguments, directory, Limit, cancellationToken) is (0, var output) ? output : null;
}
