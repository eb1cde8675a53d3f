using Baton.EndToEnd.Tests.Harness;
using static Baton.EndToEnd.Tests.Workflows.WorkflowHarness;

namespace Baton.EndToEnd.Tests.Daemon;

/// <summary>
/// After kill -9 of the daemon, commands that read neither hang nor lie: those that wait start a daemon (and say so),
/// and status and list show that a running task's worker is gone.
/// </summary>
public sealed class DeadDaemonTests : IDisposable
{
    private const string Started = "Started the Baton daemon in the background";

    // The first attempt would run for ten minutes; the run after the rescue ends at once.
    private const string SlowFirstAttempt = "if [ \"$BATON_ATTEMPT\" = 1 ]; then sleep 600; fi; echo second-run";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly BatonHome home = new(stopGraceSeconds: 1);

    [Fact]
    public async Task StatusAndList_AfterTheDaemonDied_MarkTheRunningTaskWorkerGoneAndStartNothing()
    {
        var id = await RunningTaskOfDeadDaemonAsync();
        var info = File.ReadAllText(Path.Combine(home.Dir, "daemon.json"));

        var status = await home.RunAsync("task", "status", id);
        var list = await home.RunAsync("task", "list");

        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("running (worker gone; starts again when a daemon runs)", status.Stdout, StringComparison.Ordinal);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("running (worker gone; starts again when a daemon runs)", list.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Started, status.Stderr + list.Stderr, StringComparison.Ordinal);
        Assert.Equal(info, File.ReadAllText(Path.Combine(home.Dir, "daemon.json")));
    }

    [Fact]
    public async Task Status_WithALiveDaemon_DoesNotSayTheWorkerIsGone()
    {
        using var daemon = await home.StartDaemonAsync();
        var id = await home.AddAsync("--no-start", "--", "sleep", "600");
        await Eventually.True(async () => (await home.StatusAsync(id)).GetProperty("status").GetString() == "running", Deadline, "the task to run");

        var status = await home.RunAsync("task", "status", id);

        Assert.Contains("running", status.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("worker gone", status.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("task wait {0}", 0)]
    [InlineData("task logs {0} --follow", null)]
    public async Task WaitingOnATask_AfterTheDaemonDied_StartsADaemonSaysSoAndFinishes(string command, int? exitCode)
    {
        var id = await RunningTaskOfDeadDaemonAsync();

        var result = await home.RunAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, command, id).Split(' '), Deadline);

        Assert.Contains(Started, result.Stderr, StringComparison.Ordinal);
        Assert.True(exitCode is null ? result.ExitCode is 0 or 1 : result.ExitCode == exitCode, result.ToString());
        var ended = (await home.WaitTerminalAsync(id, Deadline))!.Value;
        Assert.Equal("second-run\n", ended.GetProperty("result").GetString());
    }

    [Theory]
    [InlineData("workflow wait {0}")]
    [InlineData("watch --workflow {0} --json")]
    public async Task WaitingOnAWorkflow_AfterTheDaemonDied_StartsADaemonSaysSoAndFinishes(string command)
    {
        var daemon = await home.StartDaemonAsync();
        var file = WriteFile(home, "slow.yaml", $"""
            name: Slow
            phases:
              - id: only
                tasks:
                  - name: slow
                    command: '{SlowFirstAttempt}'
            """);
        var workflowId = await RunAsync(home, file);
        await Eventually.True(async () => TaskNamed(await StatusAsync(home, workflowId), "slow").GetProperty("status").GetString() == "running", Deadline, "the task to run");
        daemon.KillHard();

        var result = await home.RunAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, command, workflowId).Split(' '), Deadline);

        Assert.Contains(Started, result.Stderr, StringComparison.Ordinal);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("completed", (await StatusAsync(home, workflowId)).GetProperty("status").GetString());
    }

    private async Task<string> RunningTaskOfDeadDaemonAsync()
    {
        var daemon = await home.StartDaemonAsync();
        var id = await home.AddAsync("--no-start", "--", "sh", "-c", SlowFirstAttempt);
        await Eventually.True(async () => (await home.StatusAsync(id)).GetProperty("status").GetString() == "running", Deadline, "the task to run");
        daemon.KillHard();
        return id;
    }

    public void Dispose() => home.Dispose();
}
