using System.Globalization;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Daemon;

/// <summary>kill -9 of the daemon mid-run: nothing is lost, nothing runs twice, no orphan survives.</summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private readonly BatonHome home = new(stopGraceSeconds: 1);

    [Fact]
    public async Task KillDaemon_WhileTenTasksRun_EveryTaskEndsOnceAndNoOrphanSurvives()
    {
        var pids = Path.Combine(home.Work, "pids");
        var first = await home.StartDaemonAsync(workers: 10);
        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            // Each attempt records "attempt shell-pid sleep-pid"; the sleep outlives a dead daemon unless rescued.
            // First attempts would run for ten minutes; the re-runs after the crash finish at once.
            var script = $"if [ \"$BATON_ATTEMPT\" = 1 ]; then s=600; else s=0.1; fi; sleep $s & echo \"$BATON_ATTEMPT $$ $!\" >> {pids}; wait $!; echo done-{i}";
            ids.Add(await home.AddAsync("--no-start", "--", "sh", "-c", script));
        }

        await Eventually.True(() => File.Exists(pids) && File.ReadAllLines(pids).Length == 10, TimeSpan.FromSeconds(30), "ten tasks to run");
        first.KillHard();

        var orphans = File.ReadAllLines(pids).Select(l => l.Split(' ')).SelectMany(p => p[1..]).Select(int.Parse).ToList();
        Assert.All(orphans, pid => Assert.True(ProcessProbe.IsAlive(pid), $"process {pid} should outlive the killed daemon until rescued"));
        using var second = await home.StartDaemonAsync(workers: 10);

        foreach (var id in ids)
        {
            var status = (await home.WaitTerminalAsync(id, TimeSpan.FromSeconds(60)))!.Value;
            Assert.Equal("completed", status.GetProperty("status").GetString());
            var attempts = status.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("status").GetString()).ToList();
            Assert.Equal(1, attempts.Count(s => s == "completed"));
            Assert.Equal("interrupted", attempts[0]);
            Assert.DoesNotContain("running", attempts);
        }

        Assert.All(orphans, pid => Assert.False(ProcessProbe.IsAlive(pid), $"process {pid} of the dead daemon survived"));
        var running = await home.RunAsync("task", "list", "--status", "running", "--json");
        Assert.Equal(0, running.Json.GetArrayLength());
        // Every first attempt was started once and rescued once; the re-runs are attempts numbered 2.
        var reruns = File.ReadAllLines(pids).Select(l => int.Parse(l.Split(' ')[0], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(10, reruns.Count(n => n == 1));
        Assert.Equal(10, reruns.Count(n => n == 2));
    }

    [Fact]
    public async Task SecondDaemon_SameDataDirectory_ExitsNonZeroNamingTheHolder()
    {
        using var first = await home.StartDaemonAsync();

        var second = await home.RunAsync("serve");

        Assert.Equal(4, second.ExitCode);
        Assert.Contains($"process {first.Pid}", second.Stderr, StringComparison.Ordinal);
        Assert.False(first.HasExited);
    }

    [Fact]
    public async Task Sigterm_WithARunningTask_ShutsDownGracefullyAndTheNextDaemonFinishesIt()
    {
        var daemon = await home.StartDaemonAsync();
        var id = await home.AddAsync("--no-start", "--", "sh", "-c", "if [ \"$BATON_ATTEMPT\" = 1 ]; then sleep 600; fi; echo second-run");
        await Eventually.True(async () => (await home.StatusAsync(id)).GetProperty("status").GetString() == "running", TimeSpan.FromSeconds(20), "the task to run");

        daemon.Terminate();
        var exit = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(0, exit);
        var handedBack = await home.StatusAsync(id);
        Assert.Equal("pending", handedBack.GetProperty("status").GetString());
        Assert.Equal("interrupted", handedBack.GetProperty("attempts")[0].GetProperty("status").GetString());

        using var next = await home.StartDaemonAsync();
        var status = (await home.WaitTerminalAsync(id, TimeSpan.FromSeconds(30)))!.Value;
        Assert.Equal("second-run\n", status.GetProperty("result").GetString());
    }

    public void Dispose() => home.Dispose();
}
