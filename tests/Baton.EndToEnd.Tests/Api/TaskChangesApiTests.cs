using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Baton.EndToEnd.Tests.Api;

/// <summary>A task's changes over real HTTP: files, commits and the diff from real git, in a directory or in the task's worktree.</summary>
public sealed class TaskChangesApiTests : IAsyncLifetime
{
    private const string Commit = "git -c user.name=Tester -c user.email=tester@example.com commit -qm";

    private ApiDaemon api = null!;
    private string repository = null!;

    public async Task InitializeAsync()
    {
        api = await ApiDaemon.StartAsync(workers: 1);
        repository = Directory.CreateDirectory(Path.Combine(api.Home.Work, "repo")).FullName;
        Git("init", "-q", "-b", "main");
        File.WriteAllText(Path.Combine(repository, "README"), "start\n");
        Git("add", "README");
        Git("-c", "user.name=Tester", "-c", "user.email=tester@example.com", "commit", "-qm", "start");
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Changes_CommandCommitsInItsDirectory_FilesCommitsAndDiff()
    {
        var id = await RunAsync($"printf 'hello\\n' > a.txt && git add a.txt && {Commit} 'add a' && printf 'later\\n' >> README && git add README && {Commit} 'touch readme'", worktree: false);

        var changes = await api.GetJsonAsync($"/api/v1/tasks/{id}/changes");

        Assert.True(changes.GetProperty("repository").GetBoolean(), changes.ToString());
        Assert.Equal(["touch readme", "add a"], changes.GetProperty("commits").EnumerateArray().Select(c => c.GetProperty("subject").GetString()));
        Assert.Equal(["README", "a.txt"], changes.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()).Order(StringComparer.Ordinal));
        var diff = changes.GetProperty("diff").GetString()!;
        Assert.Contains("+hello", diff, StringComparison.Ordinal);
        Assert.Contains("+later", diff, StringComparison.Ordinal);
        Assert.DoesNotContain("+start", diff, StringComparison.Ordinal);
        Assert.Contains("during the task's attempts", changes.GetProperty("base_description").GetString(), StringComparison.Ordinal);
        Assert.False(changes.GetProperty("diff_truncated").GetBoolean());
    }

    [Fact]
    public async Task Changes_WorktreeTask_ItsBranchAgainstWhereItForked()
    {
        var id = await RunAsync($"printf 'in a branch\\n' > b.txt && git add b.txt && {Commit} 'add b'", worktree: true);

        var changes = await api.GetJsonAsync($"/api/v1/tasks/{id}/changes");

        Assert.True(changes.GetProperty("repository").GetBoolean(), changes.ToString());
        Assert.StartsWith("baton/", changes.GetProperty("branch").GetString(), StringComparison.Ordinal);
        Assert.Equal(["add b"], changes.GetProperty("commits").EnumerateArray().Select(c => c.GetProperty("subject").GetString()));
        Assert.Equal(["b.txt"], changes.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()));
        Assert.Contains("+in a branch", changes.GetProperty("diff").GetString(), StringComparison.Ordinal);
        Assert.Contains("git merge-base", changes.GetProperty("base_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changes_NotARepositoryOrUnknownTask_FalseOr404()
    {
        var outside = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "baton-no-repo-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            var body = api.Shell("true");
            body["working_directory"] = outside;
            var id = await api.CreateAsync(body);
            await api.WaitEndedAsync(id, TimeSpan.FromSeconds(30));

            var changes = await api.GetJsonAsync($"/api/v1/tasks/{id}/changes");
            using var unknown = await api.Http.GetAsync("/api/v1/tasks/zzzzzzzzzzzz/changes");

            Assert.False(changes.GetProperty("repository").GetBoolean());
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    private async Task<string> RunAsync(string script, bool worktree)
    {
        var body = api.Shell(script);
        body["working_directory"] = repository;
        body["max_retries"] = 0;
        body["worktree"] = worktree;
        var id = await api.CreateAsync(body);
        var task = await api.WaitEndedAsync(id, TimeSpan.FromSeconds(30));
        Assert.True(task.GetProperty("status").GetString() == "completed", task.ToString());
        return id;
    }

    private void Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = repository, RedirectStandardError = true, RedirectStandardOutput = true };
        // The repository's history is older than the task: git dates commits to the second, as it does the window.
        start.Environment["GIT_AUTHOR_DATE"] = "2020-01-01T00:00:00Z";
        start.Environment["GIT_COMMITTER_DATE"] = "2020-01-01T00:00:00Z";
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var git = Process.Start(start)!;
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', arguments)}: {git.StandardError.ReadToEnd()}");
    }
}
