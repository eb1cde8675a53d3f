using System.Net;
using Baton.EndToEnd.Tests.Harness;
using static Baton.EndToEnd.Tests.Workflows.WorkflowHarness;

namespace Baton.EndToEnd.Tests.Api;

/// <summary>Re-running a failed workflow from its failed task over REST: POST /api/v1/tasks/{id}/retry re-opens it.</summary>
public sealed class WorkflowRetryApiTests : IAsyncLifetime
{
    private ApiDaemon api = null!;

    public async Task InitializeAsync() => api = await ApiDaemon.StartAsync(workers: 2);

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Retry_FailedTaskOfFailedWorkflow_WorkflowRunsAgainAndItsDependentsRunAfterIt()
    {
        var flag = Path.Combine(api.Home.Work, "fixed");
        var file = WriteFile(api.Home, "rerun.yaml", $"""
            name: Rerun
            phases:
              - id: build
                tasks:
                  - name: build
                    command: 'test -f {flag} || exit 3; echo built'
                    max_retries: 0
              - id: ship
                depends_on: [build]
                tasks:
                  - name: ship
                    command: 'echo shipped'
            """);
        var id = await RunAsync(api.Home, file);
        var failed = await WaitEndedAsync(api.Home, id, TimeSpan.FromSeconds(30));
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal("cancelled", TaskNamed(failed, "ship").GetProperty("status").GetString());

        File.WriteAllText(flag, string.Empty);
        using var retry = await api.PostAsync($"/api/v1/tasks/{TaskNamed(failed, "build").GetProperty("task_id").GetString()}/retry", string.Empty);
        var reopened = await api.GetJsonAsync($"/api/v1/workflows/{id}");
        var done = await WaitEndedAsync(api.Home, id, TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.NotEqual("failed", reopened.GetProperty("status").GetString());
        Assert.Equal("completed", done.GetProperty("status").GetString());
        var ship = await api.GetJsonAsync($"/api/v1/tasks/{TaskNamed(done, "ship").GetProperty("task_id").GetString()}");
        Assert.Equal(("completed", "shipped\n"), (ship.GetProperty("status").GetString(), ship.GetProperty("result").GetString()));
    }

    [Fact]
    public async Task Retry_RunningTask_409()
    {
        var id = await api.CreateAsync(api.Shell("sleep 60"));
        await Eventually.True(
            async () => (await api.GetJsonAsync($"/api/v1/tasks/{id}")).GetProperty("status").GetString() == "running",
            TimeSpan.FromSeconds(20),
            "the task to run");

        using var retry = await api.PostAsync($"/api/v1/tasks/{id}/retry", string.Empty);

        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Contains("only failed, cancelled or timed-out tasks can be retried", (await ApiDaemon.ReadAsync(retry)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
