using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;
using Baton.Bench.Reporting;
using Baton.Core.Runners;
using Baton.Core.Runners.Command;

namespace Baton.Bench.Scenarios;

/// <summary>1a. TaskService.EnqueueAsync of a command task against a real SQLite file, one committed transaction each.</summary>
internal sealed class EnqueueLatency(TimeProvider time) : IScenario
{
    private const int WarmUp = 200;
    private const int Samples = 2_000;

    public string Name => "enqueue";

    public string Title => "1a. Enqueue latency (in-process TaskService.EnqueueAsync, SQLite file)";

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken = default)
    {
        using var directory = BenchDirectory.Create(Name);
        var tasks = await QueueOnly.OpenAsync(directory, [new CommandRunner(AttemptEnvironment.OfCurrentProcess())], time, cancellationToken);
        var definition = BenchTasks.True(directory.Path);
        var searchPath = Environment.GetEnvironmentVariable("PATH");

        var latencies = new List<double>(Samples);
        var begun = time.GetTimestamp();
        for (var i = 0; i < WarmUp + Samples; i++)
        {
            if (i == WarmUp)
            {
                begun = time.GetTimestamp();
            }

            var start = time.GetTimestamp();
            await tasks.EnqueueAsync(definition, searchPath, cancellationToken);
            if (i >= WarmUp)
            {
                latencies.Add(time.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        var serialRate = Samples / time.GetElapsedTime(begun).TotalSeconds;
        var latency = Distribution.Of(latencies);
        return new ScenarioReport(Title)
            .Add("samples (after warm-up)", $"{Units.Count(Samples)} (+{WarmUp})")
            .Add("p50 enqueue", Units.Duration(latency.P50))
            .Add("p99 enqueue", Units.Duration(latency.P99))
            .Add("mean / max", $"{Units.Duration(latency.Mean)} / {Units.Duration(latency.Max)}")
            .Add("one after another", Units.Rate(serialRate, "enqueues"))
            .Note("no target; validation (program looked up on PATH), one BEGIN IMMEDIATE..COMMIT (WAL, synchronous=NORMAL), and the dispatcher signal");
    }
}
