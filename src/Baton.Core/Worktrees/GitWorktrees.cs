using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Baton.Core.Access;
using Baton.Core.Errors;
using Baton.Core.Processes;

namespace Baton.Core.Worktrees;

/// <summary>
/// Git worktrees for tasks that run in their own branch: <c>baton/&lt;short id&gt;-&lt;slug&gt;</c>, created from the
/// repository's current HEAD under Baton's data directory. Creation is serialised per repository (git's own lock
/// makes concurrent adds fail) and survives stale leftovers: prune, then try once more. Branches are never deleted.
/// </summary>
public sealed partial class GitWorktrees(string rootDirectory)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> RepositoryLocks = new(StringComparer.Ordinal);

    /// <summary>The branch name for a task: <c>baton/ab12cd34-fix-the-login-bug</c>.</summary>
    public static string BranchFor(string taskId, string taskName)
    {
        var slug = NonWord().Replace(taskName.ToLowerInvariant(), "-").Trim('-');
        slug = slug.Length > 40 ? slug[..40].TrimEnd('-') : slug;
        return $"baton/{taskId[..8]}" + (slug.Length > 0 ? "-" + slug : string.Empty);
    }

    /// <summary>Where the worktree of task <paramref name="taskId"/> lives under <paramref name="rootDirectory"/>.</summary>
    public static string PathFor(string rootDirectory, string taskId) => Path.Combine(rootDirectory, taskId);

    /// <summary>
    /// Makes sure the task's worktree exists and returns its path: reuses it, re-creates it from its branch (after a
    /// finished task is continued), or creates the branch from the repository's HEAD.
    /// </summary>
    public async Task<string> EnsureAsync(string repositoryDirectory, string taskId, string branch, CancellationToken cancellationToken = default)
    {
        var path = PathFor(rootDirectory, taskId);
        if (Directory.Exists(Path.Combine(path, ".git")) || File.Exists(Path.Combine(path, ".git")))
        {
            return path;
        }

        var top = await GitAsync(repositoryDirectory, ["rev-parse", "--show-toplevel"], cancellationToken)
            ?? throw BatonException.Invalid($"'{repositoryDirectory}' is not inside a git repository; --worktree needs one (or leave it out)");
        var gate = RepositoryLocks.GetOrAdd(top.Trim(), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            PrivateFiles.CreateDirectory(rootDirectory);
            if (await AddAsync(top.Trim(), path, branch, cancellationToken) is null)
            {
                // A worktree left by a crash (registered but gone, or a folder without registration): clean up, retry once.
                await GitAsync(top.Trim(), ["worktree", "prune"], cancellationToken);
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }

                if (await AddAsync(top.Trim(), path, branch, cancellationToken) is null)
                {
                    throw new BatonException(ErrorKind.Unavailable, $"git could not create a worktree for branch {branch} at {path}");
                }
            }

            return path;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Removes the task's worktree (never its branch); uncommitted changes in it are discarded.</summary>
    public async Task RemoveAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var path = PathFor(rootDirectory, taskId);
        if (!Directory.Exists(path))
        {
            return;
        }

        if (await GitAsync(path, ["worktree", "remove", "--force", path], cancellationToken) is null && Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private static async Task<string?> AddAsync(string top, string path, string branch, CancellationToken cancellationToken)
    {
        var branchExists = await GitAsync(top, ["rev-parse", "--verify", "--quiet", $"refs/heads/{branch}"], cancellationToken) is not null;
        return await GitAsync(top, branchExists ? ["worktree", "add", path, branch] : ["worktree", "add", "-b", branch, path, "HEAD"], cancellationToken);
    }

    private static async Task<string?> GitAsync(string directory, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        await CapturedCommand.RunAsync("git", arguments, directory, Limit, cancellationToken) is (0, var output) ? output : null;

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonWord();
}
