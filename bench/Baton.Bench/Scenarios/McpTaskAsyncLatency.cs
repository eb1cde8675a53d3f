using System.Text.Json;
using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;
using Baton.Bench.Reporting;

namespace Baton.Bench.Scenarios;

/// <summary>14. The <c>task_async</c> tool over MCP's Streamable HTTP at /mcp of a real <c>baton serve</c>, at 1 and 32 clients.</summary>
internal sealed class McpTaskAsyncLatency(TimeProvider time) : IScenario
{
    private const double TargetP99 = 10;
    private const int SerialWarmUp = 100;
    private const int SerialSamples = 1_000;
    private const int RunningSamples = 500;
    private const int Clients = 32;
    private const int PerClientWarmUp = 5;
    private const int PerClientSamples = 40;
    private static readonly TimeSpan BlockerDeadline = TimeSpan.FromSeconds(20);

    public string Name => "mcp-task-async";

    public string Title => "14. task_async over MCP Streamable HTTP (POST /mcp, a session per client, SSE answer)";

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken = default)
    {
        using var directory = BenchDirectory.Create(Name);
        var work = directory.Subdirectory("work");
        var agents = Directory.CreateDirectory(Path.Combine(work, ".claude", "agents")).FullName;
        File.WriteAllText(Path.Combine(agents, "bench.md"), "---\nname: bench\ndescription: bench agent\ntools: Read, Bash\n---\nYou are a bench agent.\n");
        var release = directory.File("release");
        var claude = WriteClaude(directory, release);

        // First the MCP path alone: a daemon with one worker, held by a blocker task until the end, so that the tasks
        // queued wait in the queue and no process competes with the daemon for the cores.
        List<double> alone, aloneMany;
        double aloneRate, aloneManyRate;
        await using (var daemon = await StartDaemonAsync(directory.Subdirectory("home-alone"), claude, workers: 1, cancellationToken))
        {
            var one = await McpBenchSession.OpenAsync(daemon, cancellationToken);
            var sessions = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => McpBenchSession.OpenAsync(daemon, cancellationToken)));
            await HoldTheWorkerAsync(one, work, cancellationToken);
            var arguments = Arguments(work);
            await CallSeriallyAsync(one, arguments, SerialWarmUp, null, cancellationToken);
            alone = new List<double>(SerialSamples);
            var begun = time.GetTimestamp();
            await CallSeriallyAsync(one, arguments, SerialSamples, alone, cancellationToken);
            aloneRate = SerialSamples / time.GetElapsedTime(begun).TotalSeconds;
            (aloneMany, aloneManyRate) = await ConcurrentlyAsync(sessions, arguments, cancellationToken);
            await File.WriteAllTextAsync(release, string.Empty, cancellationToken);
            await daemon.Daemon.StopAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }

        // Then tasks that run at once on the default workers (one per core), each a fake claude process, while the daemon answers.
        List<double> busy, busyMany;
        double busyManyRate;
        await using (var daemon = await StartDaemonAsync(directory.Subdirectory("home-busy"), claude, workers: null, cancellationToken))
        {
            var one = await McpBenchSession.OpenAsync(daemon, cancellationToken);
            var sessions = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => McpBenchSession.OpenAsync(daemon, cancellationToken)));
            var arguments = Arguments(work);
            await CallSeriallyAsync(one, arguments, SerialWarmUp, null, cancellationToken);
            busy = new List<double>(RunningSamples);
            await CallSeriallyAsync(one, arguments, RunningSamples, busy, cancellationToken);
            (busyMany, busyManyRate) = await ConcurrentlyAsync(sessions, arguments, cancellationToken);
            await daemon.Daemon.StopAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }

        var single = Distribution.Of(alone);
        var many = Distribution.Of(aloneMany);
        var singleBusy = Distribution.Of(busy);
        var manyBusy = Distribution.Of(busyMany);
        return new ScenarioReport(Title)
            .Add("samples, 1 client (after warm-up)", $"{Units.Count(SerialSamples)} (+{SerialWarmUp})")
            .Add("p50 task_async, 1 client", Units.Duration(single.P50))
            .Add(Figure.AtMost("p99 task_async, 1 client", single.P99, TargetP99, Units.Duration))
            .Add("mean / max, 1 client", $"{Units.Duration(single.Mean)} / {Units.Duration(single.Max)}")
            .Add("calls one after another", Units.Rate(aloneRate, "calls"))
            .Add($"p50 / p99, {Clients} clients ({Units.Count(aloneMany.Count)} samples)", $"{Units.Duration(many.P50)} / {Units.Duration(many.P99)}")
            .Add($"max / throughput, {Clients} clients", $"{Units.Duration(many.Max)} / {Units.Rate(aloneManyRate, "calls")}")
            .Add($"tasks run at once: p50 / p99, 1 client ({Units.Count(RunningSamples)} samples)", $"{Units.Duration(singleBusy.P50)} / {Units.Duration(singleBusy.P99)}")
            .Add($"tasks run at once: p50 / p99, {Clients} clients", $"{Units.Duration(manyBusy.P50)} / {Units.Duration(manyBusy.P99)}")
            .Add($"tasks run at once: max / throughput, {Clients} clients", $"{Units.Duration(manyBusy.Max)} / {Units.Rate(busyManyRate, "calls")}")
            .Note("each call: a tools/call POST with the session's id, the arguments read and checked, the agent definition found and read from")
            .Note("the project's .claude/agents, the task built and validated, one committed insert, the dispatcher woken, and the SSE answer")
            .Note("({task_id, status, created, message}) read to its end. The first rows: a daemon with 1 worker held by a blocker task, so the")
            .Note("tasks wait in the queue (no process runs). The last three: another daemon with the default workers (one per core), where the")
            .Note("tasks run at once, each a fake claude process, so the daemon also claims, spawns and finishes them while it answers");
    }

    /// <summary>
    /// A fake claude: for the prompt "block" it waits until <paramref name="release"/> exists and fails; for any other
    /// prompt it is the bench's quick fake (the captured success result).
    /// </summary>
    private static string WriteClaude(BenchDirectory directory, string release)
    {
        var quick = FakeClaude.WriteQuick(directory.File("claude-quick"), ClaudeCapture.ToolRun());
        var path = directory.File("claude");
        File.WriteAllText(path, $$"""
            #!/bin/sh
            {{FakeClaude.ReadPrompt}}
            case "$prompt" in
              block|*'"content":"block"'*)
                while [ ! -e '{{release}}' ]; do sleep 0.05; done
                exit 1 ;;
            esac
            printf '%s' "$prompt" | exec '{{quick}}' "$@"

            """);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private async Task<RestDaemon> StartDaemonAsync(string home, string claude, int? workers, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, object> { ["claude_path"] = claude };
        if (workers is { } count)
        {
            settings["workers"] = count;
        }

        File.WriteAllText(Path.Combine(home, "baton.json"), JsonSerializer.Serialize(settings));
        return await RestDaemon.StartAsync(home, time, cancellationToken);
    }

    /// <summary>Queues the blocker and waits until it runs, so that the daemon's one worker is taken.</summary>
    private async Task HoldTheWorkerAsync(McpBenchSession session, string work, CancellationToken cancellationToken)
    {
        var arguments = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["name"] = "blocker",
            ["agent_name"] = "bench",
            ["agent_instructions"] = "block",
            ["working_directory"] = work,
            ["max_retries"] = 0,
        });
        var answer = await session.CallAsync(0, "task_async", arguments, cancellationToken);
        var id = answer[(answer.IndexOf("\"task_id\":\"", StringComparison.Ordinal) + 11)..][..12];
        var begun = time.GetTimestamp();
        while (!(await session.CallAsync(0, "task_status", $$"""{"task_id":"{{id}}"}""", cancellationToken)).Contains("\"status\":\"running\"", StringComparison.Ordinal))
        {
            if (time.GetElapsedTime(begun) > BlockerDeadline)
            {
                throw new TimeoutException($"the blocker task {id} did not start within {BlockerDeadline.TotalSeconds:0} s");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), time, cancellationToken);
        }
    }

    private static string Arguments(string work) => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["name"] = "mcp-bench",
        ["agent_name"] = "bench",
        ["agent_instructions"] = "Say hello.",
        ["working_directory"] = work,
    });

    private async Task<(List<double> Latencies, double Rate)> ConcurrentlyAsync(McpBenchSession[] sessions, string arguments, CancellationToken cancellationToken)
    {
        var latencies = new List<double>(sessions.Length * PerClientSamples);
        var begun = time.GetTimestamp();
        await Task.WhenAll(sessions.Select(async session =>
        {
            await CallSeriallyAsync(session, arguments, PerClientWarmUp, null, cancellationToken);
            var mine = new List<double>(PerClientSamples);
            await CallSeriallyAsync(session, arguments, PerClientSamples, mine, cancellationToken);
            lock (latencies)
            {
                latencies.AddRange(mine);
            }
        }));
        return (latencies, latencies.Count / time.GetElapsedTime(begun).TotalSeconds);
    }

    private async Task CallSeriallyAsync(McpBenchSession session, string arguments, int count, List<double>? latencies, CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
        {
            var start = time.GetTimestamp();
            await session.CallAsync(i + 1, "task_async", arguments, cancellationToken);
            latencies?.Add(time.GetElapsedTime(start).TotalMilliseconds);
        }
    }
}
