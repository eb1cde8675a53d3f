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

    /// <summary>The branch a task works on: its named worktree's, or one of its own.</summary>
    public static string BranchFor(string taskId, Tasks.TaskDefinition definition) =>
        definition.WorktreeBranch ?? BranchFor(taskId, definition.Name);

    /// <summary>Where a task's worktree lives: the shared one of its named branch, or one of its own.</summary>
    public static string PathFor(string rootDirectory, string taskId, Tasks.TaskDefinition definition) =>
        definition.WorktreeBranch is { } branch ? NamedPathFor(rootDirectory, branch) : PathFor(rootDirectory, taskId);

    /// <summary>
    /// Where the worktree shared by every task on <paramref name="branch"/> lives: an initiative's branch
    /// <c>baton/NAME/STREAM</c> under <c>initiatives/NAME/STREAM</c>, any other under <c>branches/</c>. Task ids never
    /// contain '/', so these never meet a task's own worktree.
    /// </summary>
    public static string NamedPathFor(string rootDirectory, string branch)
    {
        if (branch.Length == 0 || branch.StartsWith('/') || branch.Split('/').Any(part => part is "" or "." or ".."))
        {
            throw BatonException.Invalid($"worktree branch '{branch}' is not a branch name git accepts; use names like baton/NAME/STREAM");
        }

        const string InitiativePrefix = "baton/";
        return branch.StartsWith(InitiativePrefix, StringComparison.Ordinal) && branch.IndexOf('/', InitiativePrefix.Length) > 0
            ? Path.Combine([rootDirectory, "initiatives", .. branch[InitiativePrefix.Length..].Split('/')])
            : Path.Combine([rootDirectory, "branches", .. branch.Split('/')]);
    }

    /// <summary>The directory under <paramref name="rootDirectory"/> that holds the worktrees of initiative <paramref name="initiativeName"/>.</summary>
    public static string InitiativeDirectory(string rootDirectory, string initiativeName) => Path.Combine(rootDirectory, "initiatives", initiativeName);

    /// <summary>
    /// Makes sure the task's worktree exists and returns its path: reuses it, re-creates it from its branch (after a
    /// finished task is continued), or creates the branch from the repository's HEAD.
    /// </summary>
    public Task<string> EnsureAsync(string repositoryDirectory, string taskId, string branch, CancellationToken cancellationToken = default) =>
        EnsureAtAsync(repositoryDirectory, PathFor(rootDirectory, taskId), branch, null, cancellationToken);

    /// <summary>
    /// Makes sure the worktree of a task's named branch exists and returns its path: the same worktree for every task
    /// on that branch, re-created from the branch if it was removed, or a new branch from <paramref name="baseRef"/>
    /// (null: HEAD) if the branch does not exist yet.
    /// </summary>
    public Task<string> EnsureNamedAsync(string repositoryDirectory, string branch, string? baseRef, CancellationToken cancellationToken = default) =>
        EnsureAtAsync(repositoryDirectory, NamedPathFor(rootDirectory, branch), branch, baseRef, cancellationToken);

    private async Task<string> EnsureAtAsync(string repositoryDirectory, string path, string branch, string? baseRef, CancellationToken cancellationToken)
    {
        if (IsWorktree(path))
        {
            return path;
        }

        var top = await GitAsync(repositoryDirectory, ["rev-parse", "--show-toplevel"], cancellationToken)
            ?? throw BatonException.Invalid($"'{repositoryDirectory}' is not inside a git repository; --worktree needs one (or leave it out)");
        var gate = RepositoryLocks.GetOrAdd(top.Trim(), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (IsWorktree(path))
            {
                // Another task on the same branch made it while this one waited for the lock.
                return path;
            }

            PrivateFiles.CreateDirectory(rootDirectory);
            PrivateFiles.CreateDirectory(Path.GetDirectoryName(path)!);
            if (await AddAsync(top.Trim(), path, branch, baseRef, cancellationToken) is null)
            {
                // A worktree left by a crash (registered but gone, or a folder without registration): clean up, retry once.
                await GitAsync(top.Trim(), ["worktree", "prune"], cancellationToken);
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }

                if (await AddAsync(top.Trim(), path, branch, baseRef, cancellationToken) is null)
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

    private static async Task<string?> AddAsync(string top, string path, string branch, string? baseRef, CancellationToken cancellationToken)
    {
        var branchExists = await GitAsync(top, ["rev-parse", "--verify", "--quiet", $"refs/heads/{branch}"], cancellationToken) is not null;
        return await GitAsync(top, branchExists ? ["worktree", "add", path, branch] : ["worktree", "add", "-b", branch, path, baseRef ?? "HEAD"], cancellationToken);
    }

    private static bool IsWorktree(string path) => Directory.Exists(Path.Combine(path, ".git")) || File.Exists(Path.Combine(path, ".git"));

    private static async Task<string?> GitAsync(string directory, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        await CapturedCommand.RunAsync("git", arguments, directory, Limit, cancellationToken) is (0, var output) ? output : null;

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonWord();
}
