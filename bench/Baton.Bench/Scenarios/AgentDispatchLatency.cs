using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;
using Baton.Bench.Reporting;
using Baton.Core.Runners;
using Baton.Core.Runners.Claude;

namespace Baton.Bench.Scenarios;

/// <summary>6. From just before EnqueueAsync to a claude agent's process having started, outside and inside a git repository.</summary>
internal sealed class AgentDispatchLatency(TimeProvider time) : IScenario
{
    private const int WarmUp = 20;
    private const int Samples = 200;
    private const double TargetP50 = 10;
    private static readonly TimeSpan TaskTimeout = TimeSpan.FromSeconds(10);

    public string Name => "agent-dispatch";

    public string Title => "6. Agent dispatch latency (enqueue → claude process started, a worker free)";

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken = default)
    {
        using var directory = BenchDirectory.Create(Name);
        var capture = ClaudeCapture.ToolRun();
        var claude = FakeClaude.WriteQuick(directory.File("claude"), capture);
        var plain = directory.Subdirectory("plain");
        var repository = directory.Subdirectory("repository");
        await GitRepository.InitializeAsync(repository, time, cancellationToken);

        using var traces = new AttemptTraces(time);
        await using var host = await EngineHost.StartAsync(
            directory, workers: 2, [new ClaudeRunner(AttemptEnvironment.OfCurrentProcess(), claude)], time, cancellationToken);
        var outside = await MeasureAsync(host, traces, plain, cancellationToken);
        var inside = await MeasureAsync(host, traces, repository, cancellationToken);

        return new ScenarioReport(Title)
            .Add("samples per case (after warm-up)", $"{Samples} (+{WarmUp})")
            .Add(Figure.AtMost("not a git repo: p50 enqueue → process.started", outside.P50, TargetP50, Units.Duration))
            .Add("not a git repo: p99 / max", $"{Units.Duration(outside.P99)} / {Units.Duration(outside.Max)}")
            .Add(Figure.AtMost("git repo: p50 enqueue → process.started", inside.P50, TargetP50, Units.Duration))
            .Add("git repo: p99 / max", $"{Units.Duration(inside.P99)} / {Units.Duration(inside.Max)}")
            .Note("in-process engine, 2 workers, the real ClaudeRunner with a fake claude (/bin/sh script: reads the prompt, prints the")
            .Note($"captured {capture.Version} success result with its session id); from just before TaskService.EnqueueAsync to process.started,")
            .Note("which includes the runner's environment, the git snapshot's first spawn (git rev-parse, not awaited) and the CLI's spawn");
    }

    private async Task<Distribution> MeasureAsync(EngineHost host, AttemptTraces traces, string workingDirectory, CancellationToken cancellationToken)
    {
        var definition = BenchTasks.Agent(workingDirectory);
        var latencies = new List<double>(Samples);
        for (var i = 0; i < WarmUp + Samples; i++)
        {
            // Wall clock, because the engine stamps its events with it; each task waits for the previous one to end.
            var start = time.GetUtcNow();
            var enqueued = await host.Tasks.EnqueueAsync(definition, null, cancellationToken);
            var trace = await traces.WaitAsync(enqueued.Task.Id, TaskTimeout, cancellationToken);
            await TaskChecks.RequireCompletedAsync(host.Store, enqueued.Task.Id, cancellationToken);
            if (i >= WarmUp)
            {
                var started = trace.ProcessStarted ?? throw new InvalidOperationException($"task {trace.TaskId} has no process.started event");
                latencies.Add((started - start).TotalMilliseconds);
            }
        }

        return Distribution.Of(latencies);
    }
}
