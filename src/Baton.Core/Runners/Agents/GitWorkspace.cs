using Baton.Core.Processes;

namespace Baton.Core.Runners.Agents;

/// <summary>
/// What an agent changed in a git working directory. Before the run: the commit it starts from, and a fingerprint of
/// every file that was already dirty or untracked (those changes are not the agent's). After it: the files that
/// differ from that commit or its index (committed, staged, unstaged or new), less the ones that were dirty before and
/// still hold exactly what they held then, plus any that were dirty before and changed since (even back to clean); and
/// the commits made. Not a repository, or git missing: nothing.
/// </summary>
public sealed class GitWorkspace
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    /// <summary>Bytes of already-dirty files read to fingerprint them; past it, size and time stand for content.</summary>
    private const long FingerprintBudgetBytes = 256L * 1024 * 1024;

    private readonly string root;
    private readonly string? startCommit;
    private readonly IReadOnlyDictionary<string, string> dirtyBefore;

    private GitWorkspace(string root, string? startCommit, IReadOnlyDictionary<string, string> dirtyBefore)
    {
        this.root = root;
        this.startCommit = startCommit;
        this.dirtyBefore = dirtyBefore;
    }

    /// <summary>Notes where the repository stands before the run; null if the directory is not in a git repository.</summary>
    public static async Task<GitWorkspace?> SnapshotAsync(string directory, CancellationToken cancellationToken = default)
    {
        if (await CapturedCommand.RunAsync("git", ["rev-parse", "--show-toplevel"], directory, Limit, cancellationToken) is not (0, var top)
            || top.Trim() is not { Length: > 0 } root)
        {
            return null;
        }

        if (await CapturedCommand.RunAsync("git", GitStatusReport.Arguments, root, Limit, cancellationToken) is not (0, var text))
        {
            return null;
        }

        // An empty repository has no HEAD yet; then every file and commit is new.
        var status = GitStatusReport.Parse(text);
        return new GitWorkspace(root, status.Head, Fingerprints(root, status.Paths));
    }

    /// <summary>The details with the files changed and commits made since the snapshot.</summary>
    public async Task<AgentRunDetails> AddChangesAsync(AgentRunDetails details, CancellationToken cancellationToken = default)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        if (startCommit is not null && await CapturedCommand.RunAsync("git", ["diff", "--name-only", "-z", startCommit], root, Limit, cancellationToken) is (0, var diff))
        {
            files.UnionWith(diff.Split('\0', StringSplitOptions.RemoveEmptyEntries));
        }

        if (await CapturedCommand.RunAsync("git", GitStatusReport.Arguments, root, Limit, cancellationToken) is (0, var status))
        {
            files.UnionWith(GitStatusReport.Parse(status).Paths);
        }

        // What was dirty before the run is the agent's change only if it no longer holds what it held then.
        var now = Fingerprints(root, dirtyBefore.Keys);
        foreach (var (path, before) in dirtyBefore)
        {
            if (now[path] == before)
            {
                files.Remove(path);
            }
            else
            {
                files.Add(path);
            }
        }

        var range = startCommit is null ? "HEAD" : $"{startCommit}..HEAD";
        var commits = await CapturedCommand.RunAsync("git", ["log", "--format=%h %s", range], root, Limit, cancellationToken) is (0, var log)
            ? log.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            : [];
        return details with { FilesChanged = [.. files], Commits = commits };
    }

    private static Dictionary<string, string> Fingerprints(string root, IEnumerable<string> paths)
    {
        var budget = FingerprintBudgetBytes;
        var fingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            fingerprints[path] = FileFingerprint.Of(Path.Combine(root, path), ref budget);
        }

        return fingerprints;
    }
}
