using System.Globalization;
using System.Text;
using Baton.Core.Application.Views;
using Baton.Core.Attempts;
using Baton.Core.Tasks;
using Baton.Core.Worktrees;

namespace Baton.Core.Application.Changes;

/// <summary>
/// What a task changed where its working directory is a git repository: the files, the commits and the diff. A task
/// in its own worktree is its branch against where it forks from the repository's HEAD (git merge-base), plus what is
/// not committed in the worktree while it exists. Any other task is the commits of the repository's HEAD made during
/// its attempts (first start to last end, or now while it runs) against the parent of the oldest of them, plus what is
/// not committed: the whole working tree while the task runs; once it ended, only the files its agent reported
/// changing (a command task: the commits only), since the working tree is then anyone's.
/// </summary>
/// <param name="worktreeDirectory">Where the engine keeps tasks' worktrees.</param>
/// <param name="time">The clock, for the end of a running task's window.</param>
public sealed class TaskChangesReader(string worktreeDirectory, TimeProvider time)
{
    /// <summary>The longest diff returned; past it the diff is cut with a line saying so.</summary>
    public const int MaxDiffBytes = 512 * 1024;

    private const int MaxUntrackedDiffs = 50;
    private const string EmptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    /// <summary>The task's changes; <c>repository: false</c> when there is no repository to ask.</summary>
    public async Task<TaskChangesView> ReadAsync(TaskDetails details, CancellationToken cancellationToken = default)
    {
        var (task, attempts) = (details.Task, details.Attempts);
        var none = new TaskChangesView { TaskId = task.Id, Repository = false };
        var directory = task.Definition.WorkingDirectory;
        if (!Directory.Exists(directory) || await ReadOnlyGit.RunAsync(directory, ["rev-parse", "--show-toplevel"], cancellationToken: cancellationToken) is not { } top)
        {
            return none;
        }

        var root = top.Trim();
        return task.Definition.Worktree
            ? await WorktreeAsync(task, root, cancellationToken)
            : await WindowAsync(task, attempts, root, cancellationToken);
    }

    private async Task<TaskChangesView> WorktreeAsync(TaskRecord task, string root, CancellationToken cancellationToken)
    {
        var branch = GitWorktrees.BranchFor(task.Id, task.Definition);
        var view = new TaskChangesView { TaskId = task.Id, Repository = true, Directory = root, Branch = branch };
        if (await ReadOnlyGit.RunAsync(root, ["merge-base", "HEAD", $"refs/heads/{branch}"], cancellationToken: cancellationToken) is not { } forked)
        {
            return view with { BaseDescription = $"branch {branch} does not exist (yet): the task has not run in its worktree" };
        }

        var @base = forked.Trim();
        var worktree = GitWorktrees.PathFor(worktreeDirectory, task.Id, task.Definition);
        var live = Directory.Exists(worktree);
        var commits = await CommitsAsync(root, [$"{@base}..refs/heads/{branch}"], cancellationToken);
        var (files, diff, cut) = live
            ? await DiffAsync(worktree, @base, null, [], includeUntracked: true, cancellationToken)
            : await DiffAsync(root, @base, $"refs/heads/{branch}", [], includeUntracked: false, cancellationToken);
        return view with
        {
            Directory = live ? worktree : root,
            Base = @base,
            BaseDescription = $"branch {branch} against where it forks from the repository's HEAD (git merge-base)"
                + (live ? ", with what is not committed in its worktree" : "; the worktree is gone, so only what was committed"),
            Files = files, Commits = commits, Diff = diff, DiffTruncated = cut,
        };
    }

    private async Task<TaskChangesView> WindowAsync(TaskRecord task, IReadOnlyList<AttemptRecord> attempts, string root, CancellationToken cancellationToken)
    {
        var view = new TaskChangesView { TaskId = task.Id, Repository = true, Directory = root };
        if (attempts.Count == 0)
        {
            return view with { BaseDescription = "the task has not started: nothing changed yet" };
        }

        var running = !task.Status.IsTerminal();
        var from = attempts.Min(a => a.StartedAt);
        var to = running ? time.GetUtcNow() : attempts.Max(a => a.EndedAt ?? a.StartedAt);
        // git compares whole seconds: the window is widened to them.
        string[] window = [$"--since=@{from.ToUnixTimeSeconds()}", $"--until=@{to.ToUnixTimeSeconds() + 1}", "HEAD"];
        var commits = await CommitsAsync(root, window, cancellationToken);
        var @base = commits.Count == 0
            ? (await ReadOnlyGit.RunAsync(root, ["rev-parse", "--verify", "--quiet", "HEAD"], cancellationToken: cancellationToken))?.Trim() ?? EmptyTree
            : (await ReadOnlyGit.RunAsync(root, ["rev-parse", "--verify", "--quiet", $"{commits[^1].Sha}^"], cancellationToken: cancellationToken))?.Trim() ?? EmptyTree;
        var reported = attempts.SelectMany(a => a.Details?.FilesChanged ?? []).Distinct(StringComparer.Ordinal).ToList();
        string description;
        (IReadOnlyList<ChangedFileView> Files, string? Diff, bool Cut) changes;
        if (running)
        {
            description = "commits of HEAD made since the task started, against the parent of the oldest, with everything not committed in the working tree";
            changes = await DiffAsync(root, @base, null, [], includeUntracked: true, cancellationToken);
        }
        else if (reported.Count > 0)
        {
            description = "commits of HEAD made during the task's attempts, against the parent of the oldest, with the files its agent reported changing as they are now";
            changes = await DiffAsync(root, @base, null, reported, includeUntracked: true, cancellationToken);
        }
        else if (commits.Count > 0)
        {
            description = "commits of HEAD made during the task's attempts, against the parent of the oldest";
            changes = await DiffAsync(root, @base, commits[0].Sha, [], includeUntracked: false, cancellationToken);
        }
        else
        {
            return view with { Base = @base, BaseDescription = "no commit was made during the task's attempts, and it reported no changed file" };
        }

        return view with
        {
            Base = @base, BaseDescription = description, Files = changes.Files, Commits = commits, Diff = changes.Diff, DiffTruncated = changes.Cut,
        };
    }

    private static async Task<IReadOnlyList<CommitView>> CommitsAsync(string directory, IReadOnlyList<string> range, CancellationToken cancellationToken)
    {
        string[] arguments = ["log", "--max-count=200", "--format=%H%x1f%h%x1f%s%x1f%an%x1f%cI%x1e", .. range, "--"];
        var log = await ReadOnlyGit.RunAsync(directory, arguments, cancellationToken: cancellationToken);
        var commits = new List<CommitView>();
        foreach (var record in (log ?? string.Empty).Split('\x1e', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = record.Split('\x1f');
            if (fields.Length == 5 && DateTimeOffset.TryParse(fields[4], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            {
                commits.Add(new CommitView(fields[0], fields[1], fields[2], fields[3], at));
            }
        }

        return commits;
    }

    /// <summary>
    /// The files and diff from <paramref name="base"/> to <paramref name="target"/> (null: the working tree), only
    /// <paramref name="paths"/> if any are given; untracked files are added to both when asked.
    /// </summary>
    private static async Task<(IReadOnlyList<ChangedFileView> Files, string? Diff, bool Cut)> DiffAsync(
        string directory, string @base, string? target, IReadOnlyList<string> paths, bool includeUntracked, CancellationToken cancellationToken)
    {
        string[] range = target is null ? [@base] : [@base, target];
        string[] limit = ["--", .. paths];
        var files = new List<ChangedFileView>();
        var numstat = await ReadOnlyGit.RunAsync(directory, ["diff", "--numstat", "-z", "--no-renames", .. range, .. limit], cancellationToken: cancellationToken) ?? string.Empty;
        foreach (var entry in numstat.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split('\t', 3);
            if (parts.Length == 3)
            {
                files.Add(new ChangedFileView(parts[2], Count(parts[0]), Count(parts[1])));
            }
        }

        var diff = new StringBuilder(await ReadOnlyGit.RunAsync(directory, ["diff", "--no-ext-diff", "--no-textconv", "--no-renames", .. range, .. limit], cancellationToken: cancellationToken) ?? string.Empty);
        if (includeUntracked)
        {
            var others = await ReadOnlyGit.RunAsync(directory, ["ls-files", "--others", "--exclude-standard", "-z", .. limit], cancellationToken: cancellationToken) ?? string.Empty;
            foreach (var path in others.Split('\0', StringSplitOptions.RemoveEmptyEntries).Take(1000))
            {
                var added = files.Count < 1000 && diff.Length <= MaxDiffBytes && files.Count(f => f.Untracked) < MaxUntrackedDiffs
                    ? await ReadOnlyGit.RunAsync(directory, ["diff", "--no-index", "--no-ext-diff", "--no-textconv", "--", "/dev/null", path], differencesAreSuccess: true, cancellationToken)
                    : null;
                diff.Append(added);
                files.Add(new ChangedFileView(path, added is null ? null : Lines(added), added is null ? null : 0, Untracked: true));
            }
        }

        var cut = Encoding.UTF8.GetByteCount(diff.ToString()) > MaxDiffBytes;
        var text = cut ? Cut(diff.ToString()) : diff.ToString();
        return (files, text.Length == 0 ? null : text, cut);
    }

    private static int? Count(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static int Lines(string diff) => diff.Split('\n').Count(l => l.StartsWith('+') && !l.StartsWith("+++", StringComparison.Ordinal));

    /// <summary>The diff cut at a line end before <see cref="MaxDiffBytes"/>, with a line that says it was cut.</summary>
    private static string Cut(string diff)
    {
        var bytes = Encoding.UTF8.GetBytes(diff);
        var end = Array.LastIndexOf(bytes, (byte)'\n', MaxDiffBytes - 1);
        var kept = Encoding.UTF8.GetString(bytes, 0, end < 0 ? MaxDiffBytes : end + 1);
        return kept + $"… diff cut at {MaxDiffBytes / 1024} KiB of {bytes.Length / 1024} KiB; run git diff in the directory for all of it\n";
    }
}
