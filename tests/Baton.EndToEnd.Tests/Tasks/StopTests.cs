using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Tasks;

/// <summary>Timeouts and cancellation stop whole process trees.</summary>
public sealed class StopTests : IDisposable
{
    private readonly BatonHome home = new(stopGraceSeconds: 1);

    [Fact]
    public async Task Timeout_ChildIgnoringSigterm_WholeTreeKilledAndTaskTimedOut()
    {
        using var daemon = await home.StartDaemonAsync();
        var pids = Path.Combine(home.Work, "pids");
        var id = await home.AddAsync("--no-start", "--timeout", "1", "--", "sh", "-c", $"trap '' TERM; sleep 600 & echo $! >> {pids}; echo $$ >> {pids}; wait");

        var wait = await home.RunAsync("task", "wait", id, "--json");

        Assert.Equal(1, wait.ExitCode);
        Assert.Equal("timed_out", wait.Json.GetProperty("status").GetString());
        Assert.Equal("timed_out", wait.Json.GetProperty("attempts")[0].GetProperty("status").GetString());
        Assert.Equal(1, wait.Json.GetProperty("attempts").GetArrayLength());
        var started = File.ReadAllLines(pids).Select(int.Parse).ToList();
        Assert.Equal(2, started.Count);
        Assert.All(started, pid => Assert.False(ProcessProbe.IsAlive(pid), $"process {pid} survived the timeout"));
    }

    [Fact]
    public async Task Cancel_RunningTask_StopsItsProcessesAndEndsCancelled()
    {
        using var daemon = await home.StartDaemonAsync();
        var pids = Path.Combine(home.Work, "pids");
        var id = await home.AddAsync("--no-start", "--", "sh", "-c", $"sleep 600 & echo $! >> {pids}; echo $$ >> {pids}; wait");
        await Eventually.True(() => File.Exists(pids) && File.ReadAllLines(pids).Length == 2, TimeSpan.FromSeconds(20), "the task to start");

        var cancel = await home.RunAsync("task", "cancel", id);
        var status = (await home.WaitTerminalAsync(id, TimeSpan.FromSeconds(20)))!.Value;

        Assert.Equal(0, cancel.ExitCode);
        Assert.Equal("cancelled", status.GetProperty("status").GetString());
        Assert.Equal("cancelled", status.GetProperty("attempts")[0].GetProperty("status").GetString());
        Assert.All(File.ReadAllLines(pids).Select(int.Parse), pid => Assert.False(ProcessProbe.IsAlive(pid), $"process {pid} survived the cancel"));
    }

    [Fact]
    public async Task Cancel_PendingTask_IsCancelledAtOnceAndNeverRuns()
    {
        using var daemon = await home.StartDaemonAsync();
        var marker = Path.Combine(home.Work, "ran");
        var id = await home.AddAsync("--no-start", "--run-at", "+1h", "--", "touch", marker);

        var cancel = await home.RunAsync("task", "cancel", id, "--json");
        var again = await home.RunAsync("task", "cancel", id);

        Assert.Equal("cancelled", cancel.Json.GetProperty("status").GetString());
        Assert.Equal(4, again.ExitCode);
        Assert.Contains("already ended as cancelled", again.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task Retry_CancelledTask_RunsAgainAndCompletes()
    {
        using var daemon = await home.StartDaemonAsync();
        var id = await home.AddAsync("--no-start", "--run-at", "+1h", "--", "echo", "again");
        await home.RunAsync("task", "cancel", id);

        var retry = await home.RunAsync("task", "retry", id, "--no-start");
        var status = (await home.WaitTerminalAsync(id, TimeSpan.FromSeconds(20)))!.Value;

        Assert.Equal(0, retry.ExitCode);
        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.Equal("again\n", status.GetProperty("result").GetString());
    }

    [Fact]
    public async Task Wait_WithTimeoutOnALongTask_Exits124()
    {
        using var daemon = await home.StartDaemonAsync();
        var id = await home.AddAsync("--no-start", "--", "sleep", "600");

        var wait = await home.RunAsync("task", "wait", id, "--timeout", "0.5");

        Assert.Equal(124, wait.ExitCode);
        Assert.Contains("still", wait.Stderr, StringComparison.Ordinal);
        await home.RunAsync("task", "cancel", id);
        await home.WaitTerminalAsync(id, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Wait_NoStartWhileNoDaemonRuns_ExitsFiveAndStartsNone()
    {
        using var daemon = await home.StartDaemonAsync();
        var id = await home.AddAsync("--no-start", "--", "sleep", "600");
        await Eventually.True(async () => (await home.StatusAsync(id)).GetProperty("status").GetString() == "running", TimeSpan.FromSeconds(20), "the task to start");
        daemon.KillHard();

        var wait = await home.RunAsync("task", "wait", id, "--no-start", "--timeout", "30");

        Assert.Equal(5, wait.ExitCode);
        Assert.Contains("no Baton daemon is running", wait.Stderr, StringComparison.Ordinal);
        var daemonFile = Path.Combine(home.Dir, "daemon.json");
        Assert.False(
            File.Exists(daemonFile) && ProcessProbe.IsAlive(System.Text.Json.JsonDocument.Parse(File.ReadAllText(daemonFile)).RootElement.GetProperty("pid").GetInt32()),
            "the wait started a daemon");
        Assert.Equal("running", (await home.StatusAsync(id)).GetProperty("status").GetString());
    }

    public void Dispose() => home.Dispose();
}
