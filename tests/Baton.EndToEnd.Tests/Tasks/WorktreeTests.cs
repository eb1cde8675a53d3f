using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Tasks;

/// <summary>Tasks in git worktrees of their own: a branch per task, the repository's own checkout untouched.</summary>
public sealed class WorktreeTests : IDisposable
{
    private readonly BatonHome home = new();

    [Fact]
    public async Task Worktree_TaskCommitsOnItsBranch_CheckoutUntouchedBranchKeptWorktreeRemoved()
    {
        await InitRepositoryAsync();
        using var daemon = await home.StartDaemonAsync();

        var id = await home.AddAsync("--no-start", "--cwd", home.Work, "--worktree", "--name", "Add feature", "--", "sh", "-c",
            "pwd; echo feature > feature.txt && git add feature.txt && git -c user.name=t -c user.email=t@e commit -qm 'Add feature' && echo committed");
        var status = (await home.WaitTerminalAsync(id, TimeSpan.FromSeconds(60)))!.Value;

        Assert.Equal("completed", status.GetProperty("status").GetString());
        var branch = status.GetProperty("worktree_branch").GetString()!;
        Assert.Equal($"baton/{id[..8]}-add-feature", branch);
        var worktree = Path.Combine(home.Dir, "worktrees", id);
        Assert.StartsWith(worktree + "\n", status.GetProperty("result").GetString(), StringComparison.Ordinal);
        // The work is on the task's branch; the user's checkout and branch are as they were.
        Assert.False(File.Exists(Path.Combine(home.Work, "feature.txt")));
        Assert.Equal("Add feature", (await GitAsync("log", "-1", "--format=%s", branch)).Trim());
        Assert.Equal("start", (await GitAsync("log", "-1", "--format=%s", "HEAD")).Trim());
        Assert.False(Directory.Exists(worktree), "the worktree of a finished task is removed");
        Assert.DoesNotContain(worktree, await GitAsync("worktree", "list"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worktree_KeepWorktree_LeftInPlaceAfterTheTaskEnds()
    {
        await InitRepositoryAsync();
        using var daemon = await home.StartDaemonAsync();

        var id = await home.AddAsync("--no-start", "--cwd", home.Work, "--keep-worktree", "--", "sh", "-c", "echo draft > draft.txt");
        await home.WaitTerminalAsync(id, TimeSpan.FromSeconds(60));

        Assert.True(File.Exists(Path.Combine(home.Dir, "worktrees", id, "draft.txt")));
    }

    [Fact]
    public async Task Worktree_ParallelTasksInOneRepository_EachGetsItsOwnBranch()
    {
        await InitRepositoryAsync();
        using var daemon = await home.StartDaemonAsync(workers: 4);

        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await home.AddAsync("--no-start", "--cwd", home.Work, "--worktree", "--name", $"part {i}", "--", "sh", "-c", "git rev-parse --abbrev-ref HEAD"));
        }

        foreach (var id in ids)
        {
            var status = (await home.WaitTerminalAsync(id, TimeSpan.FromSeconds(60)))!.Value;
            Assert.Equal("completed", status.GetProperty("status").GetString());
            Assert.Equal(status.GetProperty("worktree_branch").GetString() + "\n", status.GetProperty("result").GetString());
        }
    }

    [Fact]
    public async Task Worktree_OutsideAGitRepository_RefusedAtOnce()
    {
        var result = await home.RunAsync("task", "add", "--no-start", "--cwd", home.Work, "--worktree", "--", "true");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not inside a git repository", result.Stderr, StringComparison.Ordinal);
    }

    private async Task InitRepositoryAsync()
    {
        await GitAsync("init", "-q");
        File.WriteAllText(Path.Combine(home.Work, "README.md"), "start\n");
        await GitAsync("add", "README.md");
        await GitAsync("-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "start");
    }

    private async Task<string> GitAsync(params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("git", args) { WorkingDirectory = home.Work, RedirectStandardOutput = true };
        using var git = System.Diagnostics.Process.Start(start)!;
        var output = await git.StandardOutput.ReadToEndAsync();
        await git.WaitForExitAsync();
        Assert.Equal(0, git.ExitCode);
        return output;
    }

    public void Dispose() => home.Dispose();
}
