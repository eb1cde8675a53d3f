using System.Text.Json;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Tasks;

/// <summary>Tasks run as real processes through the real daemon and CLI.</summary>
public sealed class TaskExecutionTests : IDisposable
{
    private readonly BatonHome home = new();

    [Fact]
    public async Task Add_FiftyTasksOverFourWorkers_AllCompleteWithTheirOwnResults()
    {
        using var daemon = await home.StartDaemonAsync(workers: 4);
        // Every task waits for the go file, which appears once all fifty are queued: the first four hold all four
        // workers however slowly a loaded machine runs the CLI, and the rest queue behind them.
        var go = Path.Combine(home.Work, "go");
        var ids = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            ids.Add(await home.AddAsync("--no-start", "--tag", "batch", "--", "sh", "-c",
                $"echo start $(date +%s%N) >> {home.Work}/spans; while [ ! -e {go} ]; do sleep 0.05; done; echo result-{i}; sleep 0.1; echo end $(date +%s%N) >> {home.Work}/spans"));
        }

        await File.WriteAllTextAsync(go, string.Empty);

        // The last one queued is the last to start; then one listing (not fifty CLI processes) shows them all.
        await home.WaitTerminalAsync(ids[^1], TimeSpan.FromSeconds(90));
        var ended = await Eventually.Until(
            async () => (await home.RunAsync("task", "list", "--tag", "batch", "--limit", "100", "--json")).Json.EnumerateArray()
                .ToDictionary(t => t.GetProperty("task_id").GetString()!) is { } shown && shown.Values.All(t => t.GetProperty("completed_at").ValueKind == JsonValueKind.String)
                ? shown
                : null,
            TimeSpan.FromSeconds(90),
            "all fifty tasks to end");
        Assert.Equal(ids.Order(), ended.Keys.Order());
        for (var i = 0; i < ids.Count; i++)
        {
            var task = ended[ids[i]];
            Assert.Equal(("completed", $"result-{i}\n", 1), (task.GetProperty("status").GetString(), task.GetProperty("result").GetString(), task.GetProperty("attempt_count").GetInt32()));
        }

        // Four at once, never more.
        var events = File.ReadAllLines(Path.Combine(home.Work, "spans"))
            .Select(l => l.Split(' ')).Select(p => (Kind: p[0], At: long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(e => e.At).ThenBy(e => e.Kind == "start" ? 1 : 0);
        var running = 0;
        var peak = 0;
        foreach (var e in events)
        {
            running += e.Kind == "start" ? 1 : -1;
            peak = Math.Max(peak, running);
        }

        Assert.Equal(4, peak);
        var listed = await home.RunAsync("task", "list", "--tag", "batch", "--status", "completed", "--limit", "100", "--json");
        Assert.Equal(50, listed.Json.GetArrayLength());
    }

    [Fact]
    public async Task Add_ProgramFailingTwice_IsRetriedAndCompletesOnTheThirdAttempt()
    {
        using var daemon = await home.StartDaemonAsync();
        var script = "n=$(cat count 2>/dev/null || echo 0); n=$((n+1)); echo $n > count; if [ $n -ge 3 ]; then echo done; else echo boom-$n >&2; exit 7; fi";
        var id = await home.AddAsync("--no-start", "--cwd", home.Work, "--max-retries", "3", "--retry-backoff", "fixed", "--", "sh", "-c", script);

        var status = (await home.WaitTerminalAsync(id, TimeSpan.FromSeconds(30)))!.Value;

        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.Equal("done\n", status.GetProperty("result").GetString());
        var attempts = status.GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal(["failed", "failed", "completed"], attempts.Select(a => a.GetProperty("status").GetString()));
        Assert.Equal([7, 7, 0], attempts.Select(a => a.GetProperty("exit_code").GetInt32()));
        Assert.Equal("boom-1", attempts[0].GetProperty("error").GetString());
    }

    [Fact]
    public async Task Add_ProgramAlwaysFailing_EndsFailedAfterMaxRetriesKeepingEveryAttempt()
    {
        using var daemon = await home.StartDaemonAsync();
        var id = await home.AddAsync("--no-start", "--max-retries", "2", "--retry-backoff", "none", "--", "sh", "-c", "echo nope >&2; exit 1");

        var status = (await home.WaitTerminalAsync(id, TimeSpan.FromSeconds(30)))!.Value;

        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Equal("nope", status.GetProperty("error").GetString());
        Assert.Equal(3, status.GetProperty("attempts").GetArrayLength());
        var result = await home.RunAsync("task", "result", id);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nope", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_WithPriorities_StartsCriticalThenHighThenNormalThenLowFirstInFirstOut()
    {
        using var daemon = await home.StartDaemonAsync(workers: 1);
        var gate = Path.Combine(home.Work, "gate");
        var blocker = await home.AddAsync("--no-start", "--", "sh", "-c", $"while [ ! -e {gate} ]; do sleep 0.02; done");
        await Eventually.True(async () => (await home.StatusAsync(blocker)).GetProperty("status").GetString() == "running", TimeSpan.FromSeconds(20), "the blocker to run");
        foreach (var (name, priority) in new[] { ("low", "low"), ("normal1", "normal"), ("critical", "critical"), ("high", "high"), ("normal2", "normal") })
        {
            await home.AddAsync("--no-start", "--priority", priority, "--", "sh", "-c", $"echo {name} >> {home.Work}/order");
        }

        File.WriteAllText(gate, string.Empty);
        await Eventually.True(
            () => File.Exists(Path.Combine(home.Work, "order")) && File.ReadAllLines(Path.Combine(home.Work, "order")).Length == 5,
            TimeSpan.FromSeconds(30),
            "all five tasks to run");

        Assert.Equal(["critical", "high", "normal1", "normal2", "low"], File.ReadAllLines(Path.Combine(home.Work, "order")));
    }

    [Fact]
    public async Task Add_SameIdempotencyKeyTwice_ReturnsTheFirstTask()
    {
        using var daemon = await home.StartDaemonAsync();
        var first = await home.RunAsync("task", "add", "--json", "--no-start", "--idempotency-key", "nightly-42", "--", "true");
        var second = await home.RunAsync("task", "add", "--json", "--no-start", "--idempotency-key", "nightly-42", "--", "true");

        Assert.Equal(first.Json.GetProperty("task_id").GetString(), second.Json.GetProperty("task_id").GetString());
        Assert.True(first.Json.GetProperty("created").GetBoolean());
        Assert.False(second.Json.GetProperty("created").GetBoolean());
        Assert.Equal(1, (await home.RunAsync("task", "list", "--json")).Json.GetArrayLength());
    }

    [Fact]
    public async Task Add_WithRunAtInTheFuture_StartsNoEarlier()
    {
        using var daemon = await home.StartDaemonAsync();
        var id = await home.AddAsync("--no-start", "--run-at", "+2s", "--", "true");
        var queued = await home.StatusAsync(id);
        Assert.Equal("pending", queued.GetProperty("status").GetString());
        var runAt = queued.GetProperty("run_at").GetDateTimeOffset();

        var status = (await home.WaitTerminalAsync(id, TimeSpan.FromSeconds(30)))!.Value;

        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.True(status.GetProperty("started_at").GetDateTimeOffset() >= runAt.AddMilliseconds(-1));
    }

    [Fact]
    public async Task Add_WithoutDaemon_StartsOneInTheBackgroundAndTheTaskOutlivesTheCli()
    {
        var add = await home.RunAsync("task", "add", "--", "sh", "-c", "sleep 0.3; echo survived");
        Assert.Equal(0, add.ExitCode);
        Assert.Contains("Started the Baton daemon in the background", add.Stderr, StringComparison.Ordinal);

        var status = (await home.WaitTerminalAsync(add.Stdout.Trim(), TimeSpan.FromSeconds(30)))!.Value;
        Assert.Equal("survived\n", status.GetProperty("result").GetString());
    }

    [Fact]
    public async Task Logs_TaskWritingPastTheCap_IsCutWithAMarkerAndFollowStreamsToTheEnd()
    {
        using var capped = new BatonHome(logCapBytes: 4096);
        using var daemon = await capped.StartDaemonAsync();
        var id = await capped.AddAsync("--no-start", "--", "sh", "-c", "i=0; while [ $i -lt 2000 ]; do echo line-$i; i=$((i+1)); done; echo last-line");

        var follow = await capped.RunAsync("task", "logs", id, "--follow");

        Assert.Equal(0, follow.ExitCode);
        Assert.StartsWith("line-0\n", follow.Stdout, StringComparison.Ordinal);
        Assert.Contains("log cut here", follow.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("last-line", follow.Stdout, StringComparison.Ordinal);
        Assert.InRange(follow.Stdout.Length, 4096, 4096 + 200);
        var status = await capped.StatusAsync(id);
        Assert.EndsWith("last-line\n", status.GetProperty("result").GetString(), StringComparison.Ordinal);
    }

    public void Dispose() => home.Dispose();
}
