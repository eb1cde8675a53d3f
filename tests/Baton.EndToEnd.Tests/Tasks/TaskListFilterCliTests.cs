using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Tasks;

/// <summary><c>baton task list</c> with the same filters as the REST list, through the real executable.</summary>
public sealed class TaskListFilterCliTests : IDisposable
{
    private readonly BatonHome home = new();

    [Fact]
    public async Task List_SearchOwnerSinceAndSeveralStatuses_ListOnlyMatchingTasks()
    {
        using var daemon = await home.StartDaemonAsync(workers: 1);
        var deploy = await home.AddAsync("--no-start", "--name", "Deploy site", "--run-at", "2099-01-01T00:00:00Z", "--", "true");
        var lint = await home.AddAsync("--no-start", "--name", "lint", "--run-at", "2099-01-01T00:00:00Z", "--", "true");
        await home.RunAsync("task", "cancel", lint);
        var owner = (await home.StatusAsync(deploy)).GetProperty("created_by").GetString()!;

        var searched = await home.RunAsync("task", "list", "--search", "DEPLOY", "--json");
        var statuses = await home.RunAsync("task", "list", "--status", "failed,cancelled", "--json");
        var mine = await home.RunAsync("task", "list", "--owner", owner, "--since", "1h", "--json");
        var nobody = await home.RunAsync("task", "list", "--owner", "token:nobody", "--json");
        var future = await home.RunAsync("task", "list", "--since", "2099-01-01T00:00:00Z", "--json");

        Assert.Equal([deploy], searched.Json.EnumerateArray().Select(t => t.GetProperty("task_id").GetString()));
        Assert.Equal([lint], statuses.Json.EnumerateArray().Select(t => t.GetProperty("task_id").GetString()));
        Assert.Equal([lint, deploy], mine.Json.EnumerateArray().Select(t => t.GetProperty("task_id").GetString()));
        Assert.Equal(0, nobody.Json.GetArrayLength());
        Assert.Equal(0, future.Json.GetArrayLength());
    }

    [Theory]
    [InlineData(new[] { "task", "list", "--since", "last week" }, "--since 'last week' is not a time: give an ISO-8601 time")]
    [InlineData(new[] { "task", "list", "--search", " " }, "--search is empty")]
    [InlineData(new[] { "task", "list", "--status", "failed,done" }, "--status takes pending, running")]
    public async Task List_BadFilter_Exit2NamingTheOption(string[] args, string message)
    {
        var result = await home.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => home.Dispose();
}
