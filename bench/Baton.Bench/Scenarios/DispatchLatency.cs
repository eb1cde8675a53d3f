using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;
using Baton.Bench.Reporting;
using Baton.Core.Runners;
using Baton.Core.Runners.Command;
using Baton.Core.Tasks;

namespace Baton.Bench.Scenarios;

/// <summary>2. From just before EnqueueAsync to the task's process having started, with a worker free.</summary>
internal sealed class DispatchLatency(TimeProvider time) : IScenario
{
    private const int WarmUp = 50;
    private const int Samples = 300;
    private const double TargetP50 = 5;
    private const double TargetP99 = 50;
    private static readonly TimeSpan TaskTimeout = TimeSpan.FromSeconds(10);

    public string Name => "dispatch";

    public string Title => "2. Dispatch latency (enqueue → process started, a worker free)";

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken = default)
    {
        using var directory = BenchDirectory.Create(Name);
        using var traces = new AttemptTraces(time);
        await using var host = await EngineHost.StartAsync(
            directory, workers: 2, [new CommandRunner(AttemptEnvironment.OfCurrentProcess())], time, cancellationToken);
        var definition = BenchTasks.True(directory.Path);
        var searchPath = Environment.GetEnvironmentVariable("PATH");

        var latencies = new List<double>(Samples);
        for (var i = 0; i < WarmUp + Samples; i++)
        {
            // Wall clock, because the engine stamps its events with it; each task waits for the previous one to end.
            var start = time.GetUtcNow();
            var enqueued = await host.Tasks.EnqueueAsync(definition, searchPath, cancellationToken);
            var trace = await traces.WaitAsync(enqueued.Task.Id, TaskTimeout, cancellationToken);
            await TaskChecks.RequireCompletedAsync(host.Store, enqueued.Task.Id, cancellationToken);
            if (i >= WarmUp)
            {
                var started = trace.ProcessStarted ?? throw new InvalidOperationException($"task {trace.TaskId} has no process.started event");
                latencies.Add((started - start).TotalMilliseconds);
            }
        }

        var latency = Distribution.Of(latencies);
        return new ScenarioReport(Title)
            .Add("samples (after warm-up)", $"{Samples} (+{WarmUp})")
            .Add(Figure.AtMost("p50 enqueue → process.started", latency.P50, TargetP50, Units.Duration))
            .Add(Figure.AtMost("p99 enqueue → process.started", latency.P99, TargetP99, Units.Duration))
            .Add("mean / max", $"{Units.Duration(latency.Mean)} / {Units.Duration(latency.Max)}")
            .Note("in-process engine, 2 workers, /bin/true; from just before TaskService.EnqueueAsync to the engine's process.started event,")
            .Note("which comes after posix_spawn returned: validation, insert+commit, wake-up, claim+commit, log file, spawn");
    }
}
