using Baton.Core.Processes;

namespace Baton.Core.Runners.Merge;

/// <summary>The git commands of a merge, run in the worktree being merged into.</summary>
internal sealed class MergeGit(string directory)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    /// <summary>True if <paramref name="branch"/> is already contained in HEAD (merged before, perhaps by an attempt that died).</summary>
    public async Task<bool> IsMergedAsync(string branch, CancellationToken cancellationToken = default) =>
        (await RunAsync(["merge-base", "--is-ancestor", $"refs/heads/{branch}", "HEAD"], cancellationToken))?.ExitCode == 0;

    /// <summary>True if the branch exists.</summary>
    public async Task<bool> ExistsAsync(string branch, CancellationToken cancellationToken = default) =>
        (await RunAsync(["rev-parse", "--verify", "--quiet", $"refs/heads/{branch}"], cancellationToken))?.ExitCode == 0;

    /// <summary>True while a merge is under way (stopped at a conflict, or waiting for its commit).</summary>
    public async Task<bool> MergingAsync(CancellationToken cancellationToken = default) =>
        (await RunAsync(["rev-parse", "--verify", "--quiet", "MERGE_HEAD"], cancellationToken))?.ExitCode == 0;

    /// <summary>The commit a merge under way brings in.</summary>
    public async Task<string?> MergeHeadAsync(CancellationToken cancellationToken = default) =>
        await RunAsync(["rev-parse", "MERGE_HEAD"], cancellationToken) is (0, var sha) ? sha.Trim() : null;

    /// <summary>The commit a branch points at.</summary>
    public async Task<string?> TipAsync(string branch, CancellationToken cancellationToken = default) =>
        await RunAsync(["rev-parse", $"refs/heads/{branch}"], cancellationToken) is (0, var sha) ? sha.Trim() : null;

    /// <summary>Merges <paramref name="branch"/> with a merge commit; false if git stopped (a conflict, or worse).</summary>
    public async Task<bool> MergeAsync(string branch, string message, CancellationToken cancellationToken = default) =>
        (await RunAsync([.. await IdentityAsync(cancellationToken), "merge", "--no-ff", "-m", message, $"refs/heads/{branch}"], cancellationToken))?.ExitCode == 0;

    /// <summary>The files still unmerged (with conflict markers, not yet staged).</summary>
    public async Task<IReadOnlyList<string>> UnmergedAsync(CancellationToken cancellationToken = default) =>
        await RunAsync(["diff", "--name-only", "--diff-filter=U"], cancellationToken) is (0, var text)
            ? [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)]
            : [];

    /// <summary>Records the merge a person settled, with the message git prepared for it.</summary>
    public async Task<bool> CommitAsync(CancellationToken cancellationToken = default) =>
        (await RunAsync([.. await IdentityAsync(cancellationToken), "commit", "--no-edit", "--cleanup=strip"], cancellationToken))?.ExitCode == 0;

    /// <summary>Gives the merge up: the worktree is as it was before it.</summary>
    public async Task<bool> AbortAsync(CancellationToken cancellationToken = default) =>
        (await RunAsync(["merge", "--abort"], cancellationToken))?.ExitCode == 0;

    /// <summary>
    /// Removes the index lock a killed git left behind: nothing else works in this worktree while its merge task runs,
    /// so a lock at the start of an attempt can only be stale.
    /// </summary>
    public async Task<bool> RemoveStaleLockAsync(CancellationToken cancellationToken = default)
    {
        if (await RunAsync(["rev-parse", "--absolute-git-dir"], cancellationToken) is not (0, var gitDirectory))
        {
            return false;
        }

        var lockFile = Path.Combine(gitDirectory.Trim(), "index.lock");
        if (!File.Exists(lockFile))
        {
            return false;
        }

        File.Delete(lockFile);
        return true;
    }

    // A repository without a configured identity (a fresh CI machine) must still get its merge commits.
    private async Task<string[]> IdentityAsync(CancellationToken cancellationToken) =>
        await RunAsync(["config", "user.email"], cancellationToken) is (0, var email) && email.Trim().Length > 0
            ? []
            : ["-c", "user.name=Baton", "-c", "user.email=baton@localhost"];

    private Task<(int ExitCode, string Output)?> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        CapturedCommand.RunAsync("git", arguments, directory, Limit, cancellationToken);
}
