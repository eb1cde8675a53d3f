using System.Text.Json;
using Baton.EndToEnd.Tests.Harness;
using static Baton.EndToEnd.Tests.Workflows.WorkflowHarness;

namespace Baton.EndToEnd.Tests.Workflows;

/// <summary>Pausing and resuming a whole workflow through the real executable and daemon.</summary>
public sealed class WorkflowPauseTests : IDisposable
{
    private readonly BatonHome home = new();

    [Fact]
    public async Task PauseResume_PendingHeldRunningInterruptedOrFinishedReleasesHeld_ThenResumeFinishesTheWorkflow()
    {
        var flag = Path.Combine(home.Work, "go");
        var file = WriteFile(home, "pausable.yaml", $$"""
            name: Pausable
            phases:
              - id: first
                tasks:
                  - name: slow
                    command: 'while [ ! -f {{flag}} ]; do sleep 0.05; done; echo slow-done'
              - id: after
                depends_on: [first]
                tasks:
                  - name: after
                    command: 'echo after-done'
              - id: other
                tasks:
                  - name: queued
                    command: 'echo queued-done'
            """);
        // One worker: 'slow' runs and 'queued' waits for the slot.
        using var daemon = await home.StartDaemonAsync(workers: 1);
        var id = await RunAsync(home, file);
        await Eventually.True(async () => TaskStatus(await StatusAsync(home, id), "slow") == "running", TimeSpan.FromSeconds(30), "slow to run");

        var pause = await home.RunAsync("workflow", "pause", id);
        var paused = await StatusAsync(home, id);
        var again = await home.RunAsync("workflow", "pause", id);

        Assert.True(pause.ExitCode == 0, pause.ToString());
        Assert.Equal("paused", paused.GetProperty("status").GetString());
        Assert.StartsWith("cli:", paused.GetProperty("paused_by").GetString(), StringComparison.Ordinal);
        Assert.Equal("paused", TaskStatus(paused, "queued"));
        Assert.Equal(4, again.ExitCode);
        Assert.Contains("already paused", again.Stderr, StringComparison.Ordinal);

        // The running task either is interrupted (paused, its session kept) or finishes; either way nothing new starts:
        // what its end releases is held.
        File.WriteAllText(flag, string.Empty);
        JsonElement settled = default;
        await Eventually.True(
            async () => TaskStatus(settled = await StatusAsync(home, id), "slow") is "paused" or "completed",
            TimeSpan.FromSeconds(30),
            "slow to be paused or to finish");
        if (TaskStatus(settled, "slow") == "completed")
        {
            await Eventually.True(async () => TaskStatus(settled = await StatusAsync(home, id), "after") == "paused", TimeSpan.FromSeconds(10), "after to be held");
        }

        Assert.Equal("paused", settled.GetProperty("status").GetString());
        Assert.Equal("paused", TaskStatus(settled, "queued"));
        Assert.Equal(0, TaskNamed(settled, "queued").GetProperty("attempt_count").GetInt32());
        Assert.Equal(0, TaskNamed(settled, "after").GetProperty("attempt_count").GetInt32());

        var resume = await home.RunAsync("workflow", "resume", id);
        var workflow = await WaitEndedAsync(home, id, TimeSpan.FromSeconds(60));

        Assert.True(resume.ExitCode == 0, resume.ToString());
        Assert.Equal("completed", workflow.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, workflow.GetProperty("paused_at").ValueKind);
        Assert.All(AllTasks(workflow), t => Assert.Equal("completed", t.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Resume_NotPausedOrEnded_Conflict()
    {
        using var daemon = await home.StartDaemonAsync(workers: 1);
        var id = await RunAsync(home, WriteFile(home, "quick.yaml", """
            name: Quick
            phases:
              - id: only
                tasks:
                  - name: quick
                    command: 'echo quick'
            """));
        await WaitEndedAsync(home, id, TimeSpan.FromSeconds(30));

        var resume = await home.RunAsync("workflow", "resume", id);
        var pause = await home.RunAsync("workflow", "pause", id);

        Assert.Equal(4, resume.ExitCode);
        Assert.Contains("already ended as completed", resume.Stderr, StringComparison.Ordinal);
        Assert.Equal(4, pause.ExitCode);
        Assert.Contains("only a workflow that has not ended can be paused", pause.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => home.Dispose();

    private static string? TaskStatus(JsonElement workflow, string name) => TaskNamed(workflow, name).GetProperty("status").GetString();
}
