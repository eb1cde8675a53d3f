using System.Text.Json;
using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;
using Baton.Bench.Reporting;

namespace Baton.Bench.Scenarios;

/// <summary>8. Resident memory of a real <c>baton serve</c> while claude agents stream long stream-json transcripts.</summary>
internal sealed class AgentMemory(TimeProvider time) : IScenario
{
    private const string AgentName = "streamer";
    private const int BlockBytes = 1024 * 1024;
    private const int SingleBlocks = 200;
    private const int ManyAgents = 8;
    private const int ManyBlocks = 25;
    private const long TargetGrowthBytes = 20L * 1024 * 1024;
    private static readonly TimeSpan PhaseDeadline = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(30);

    public string Name => "agent-memory";

    public string Title => "8. Daemon memory while agents stream (baton serve, fake claude)";

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken = default)
    {
        using var directory = BenchDirectory.Create(Name);
        var capture = ClaudeCapture.ToolRun();
        var home = directory.Subdirectory("home");
        var work = directory.Subdirectory("work");
        var block = directory.File("block.jsonl");
        await File.WriteAllBytesAsync(block, FakeClaude.Block(capture, BlockBytes), cancellationToken);
        var blockBytes = new FileInfo(block).Length;
        var gate = new StartGate(directory.Subdirectory("started"), directory.File("go"));
        var claude = FakeClaude.WriteStreaming(directory.File("claude"), capture, block, gate.StartedDirectory, gate.GoFile);
        await File.WriteAllTextAsync(
            Path.Combine(home, "baton.json"),
            JsonSerializer.Serialize(new Dictionary<string, object> { ["claude_path"] = claude, ["workers"] = ManyAgents }),
            cancellationToken);
        await WriteAgentAsync(work, cancellationToken);

        await using var daemon = await DaemonProcess.StartAsync(home, time, cancellationToken);
        var phases = new Phases(new BatonCli(home, time), daemon.Pid, gate, work, time);
        var fresh = ProcStatus.Read(daemon.Pid);

        // One small run first, so that loading and compiling the agent path is not counted as streaming's cost.
        await phases.RunAsync(1, 1, cancellationToken);
        await Task.Delay(Settle, time, cancellationToken);
        var idle = ProcStatus.Read(daemon.Pid);
        var one = await phases.RunAsync(1, SingleBlocks, cancellationToken);
        var many = await phases.RunAsync(ManyAgents, ManyBlocks, cancellationToken);
        var after = ProcStatus.Read(daemon.Pid);
        await daemon.StopAsync(StopDeadline, cancellationToken);
        var largestLog = Directory.EnumerateFiles(Path.Combine(home, "logs"), "*", SearchOption.AllDirectories).Max(f => new FileInfo(f).Length);

        var oneBytes = blockBytes * SingleBlocks;
        var manyBytes = blockBytes * ManyBlocks;
        return new ScenarioReport(Title)
            .Add("VmRSS fresh / idle after a 1 MiB warm-up run", $"{Units.Megabytes(fresh.ResidentBytes)} / {Units.Megabytes(idle.ResidentBytes)}")
            .Add(Figure.AtMost($"1 agent × {Units.Megabytes(oneBytes)}: peak − idle VmRSS", one.PeakBytes - idle.ResidentBytes, TargetGrowthBytes, Megabytes))
            .Add("  streamed in (go → completed seen)", Rate(oneBytes, one.Elapsed))
            .Add($"{ManyAgents} agents × {Units.Megabytes(manyBytes)} at once: peak − idle", Units.Megabytes(many.PeakBytes - idle.ResidentBytes))
            .Add("  peak − VmRSS when they began", Units.Megabytes(many.PeakBytes - many.StartBytes))
            .Add("  streamed in (go → all completed seen)", Rate(manyBytes * ManyAgents, many.Elapsed))
            .Add("VmRSS after both / threads", $"{Units.Megabytes(after.ResidentBytes)} / {after.Threads}")
            .Add("largest attempt log file", Units.Megabytes(largestLog))
            .Note($"the baton executable, {ManyAgents} workers, claude_path = a /bin/sh fake printing the captured {capture.Version} init line, 1 MiB blocks of its")
            .Note("assistant/user lines (message ids distinct within a block) and its success result; tasks queued with baton task add --agent;")
            .Note("peak = the larger of VmHWM (reset through clear_refs when the agents are waiting at their start gate) and VmRSS sampled every 10 ms;")
            .Note($"completion polled with baton task status --json every {PollInterval.TotalMilliseconds:0} ms; each attempt log stops at the 10 MiB log cap (log_cap_bytes)");
    }

    private static async Task WriteAgentAsync(string work, CancellationToken cancellationToken)
    {
        var agents = Directory.CreateDirectory(Path.Combine(work, ".claude", "agents")).FullName;
        await File.WriteAllTextAsync(
            Path.Combine(agents, AgentName + ".md"),
            $"---\nname: {AgentName}\ndescription: Streams a long transcript for the benchmark\ntools: Read, Bash\n---\nYou stream.\n",
            cancellationToken);
    }

    private static string Megabytes(double bytes) => Units.Megabytes((long)bytes);

    private static string Rate(long bytes, TimeSpan elapsed) =>
        $"{elapsed.TotalSeconds:0.0} s, {bytes / (1024.0 * 1024.0) / elapsed.TotalSeconds:0} MiB/s";

    /// <summary>The fake claude's start gate: each run leaves a file in StartedDirectory, then waits for GoFile.</summary>
    private sealed record StartGate(string StartedDirectory, string GoFile);

    private sealed record PhaseResult(long StartBytes, long PeakBytes, TimeSpan Elapsed);

    /// <summary>Queues agents, lets them stream at the same moment, and measures the daemon until they have completed.</summary>
    private sealed class Phases(BatonCli cli, int pid, StartGate gate, string work, TimeProvider time)
    {
        public async Task<PhaseResult> RunAsync(int agents, int blocks, CancellationToken cancellationToken = default)
        {
            File.Delete(gate.GoFile);
            var startedBefore = Directory.GetFiles(gate.StartedDirectory).Length;
            var ids = new List<string>(agents);
            for (var i = 0; i < agents; i++)
            {
                ids.Add(await cli.AddAgentTaskAsync(AgentName, $"blocks={blocks}", work, cancellationToken));
            }

            var queued = time.GetTimestamp();
            await WaitAsync(() => Task.FromResult(Directory.GetFiles(gate.StartedDirectory).Length >= startedBefore + agents), queued, "the agents to start", cancellationToken);

            ProcStatus.ResetPeak(pid);
            var atStart = ProcStatus.Read(pid).ResidentBytes;
            await using var sampler = new MemorySampler(pid, time);
            var begun = time.GetTimestamp();
            await File.WriteAllTextAsync(gate.GoFile, string.Empty, cancellationToken);
            foreach (var id in ids)
            {
                await WaitAsync(() => IsCompletedAsync(id, cancellationToken), queued, $"task {id} to complete", cancellationToken);
            }

            var elapsed = time.GetElapsedTime(begun);
            var peak = Math.Max(ProcStatus.Read(pid).PeakResidentBytes, sampler.LargestResidentBytes);
            return new PhaseResult(atStart, peak, elapsed);
        }

        private async Task<bool> IsCompletedAsync(string id, CancellationToken cancellationToken)
        {
            var (status, error) = await cli.StatusAsync(id, cancellationToken);
            return status switch
            {
                "completed" => true,
                "pending" or "running" or "retrying" => false,
                _ => throw new InvalidOperationException($"task {id} ended as {status}, not completed: {error}"),
            };
        }

        private async Task WaitAsync(Func<Task<bool>> condition, long since, string what, CancellationToken cancellationToken)
        {
            while (!await condition())
            {
                if (time.GetElapsedTime(since) > PhaseDeadline)
                {
                    throw new TimeoutException($"waited {PhaseDeadline.TotalSeconds:0} s for {what}");
                }

                await Task.Delay(PollInterval, time, cancellationToken);
            }
        }
    }
}
