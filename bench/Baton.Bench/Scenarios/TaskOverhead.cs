using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;
using Baton.Bench.Reporting;
using Baton.Core.Processes;
using Baton.Core.Runners;
using Baton.Core.Runners.Command;

namespace Baton.Bench.Scenarios;

/// <summary>
/// 4. What Baton adds to a /bin/true task: enqueue → end committed in the store, minus what running /bin/true
/// costs anyway (spawn → exit with the same launcher, measured on its own).
/// </summary>
internal sealed class TaskOverhead(TimeProvider time) : IScenario
{
    private const int WarmUp = 20;
    private const int Samples = 200;
    private const double Target = 10;
    private static readonly TimeSpan TaskTimeout = TimeSpan.FromSeconds(10);

    public string Name => "overhead";

    public string Title => "4. Overhead per /bin/true task over the process's own run time";

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken = default)
    {
        using var directory = BenchDirectory.Create(Name);
        var environment = AttemptEnvironment.OfCurrentProcess();
        var bare = Distribution.Of(await RunBareAsync(directory.Path, environment, cancellationToken));

        using var traces = new AttemptTraces(time);
        await using var host = await EngineHost.StartAsync(directory, workers: 1, [new CommandRunner(environment)], time, cancellationToken);
        var definition = BenchTasks.True(directory.Path);
        var searchPath = Environment.GetEnvironmentVariable("PATH");
        var endToEnd = new List<double>(Samples);
        var dispatch = new List<double>(Samples);
        var supervised = new List<double>(Samples);
        var recorded = new List<double>(Samples);
        for (var i = 0; i < WarmUp + Samples; i++)
        {
            var start = time.GetUtcNow();
            var enqueued = await host.Tasks.EnqueueAsync(definition, searchPath, cancellationToken);
            var trace = await traces.WaitAsync(enqueued.Task.Id, TaskTimeout, cancellationToken);
            await TaskChecks.RequireCompletedAsync(host.Store, enqueued.Task.Id, cancellationToken);
            if (i >= WarmUp)
            {
                var started = trace.ProcessStarted ?? throw new InvalidOperationException($"task {trace.TaskId} has no process.started event");
                var ended = trace.AttemptEnded ?? throw new InvalidOperationException($"task {trace.TaskId} has no attempt.ended event");
                endToEnd.Add((trace.Finished - start).TotalMilliseconds);
                dispatch.Add((started - start).TotalMilliseconds);
                supervised.Add((ended - started).TotalMilliseconds);
                recorded.Add((trace.Finished - ended).TotalMilliseconds);
            }
        }

        var total = Distribution.Of(endToEnd);
        var overhead = Distribution.Of([.. endToEnd.Select(ms => ms - bare.P50)]);
        return new ScenarioReport(Title)
            .Add("tasks, one after another (after warm-up)", $"{Samples} (+{WarmUp})")
            .Add("bare /bin/true, spawn → exit (p50, subtracted)", Units.Duration(bare.P50))
            .Add("enqueue → end committed (p50 / p99)", $"{Units.Duration(total.P50)} / {Units.Duration(total.P99)}")
            .Add(Figure.AtMost("overhead, mean", overhead.Mean, Target, Units.Duration))
            .Add("overhead, p50", Units.Duration(overhead.P50))
            .Add("overhead, p99", Units.Duration(overhead.P99))
            .Add("  of which enqueue → process.started (p50)", Units.Duration(Distribution.Of(dispatch).P50))
            .Add("  of which process.started → runner returned (p50)", Units.Duration(Distribution.Of(supervised).P50))
            .Add("  of which runner returned → end committed (p50)", Units.Duration(Distribution.Of(recorded).P50))
            .Note("overhead = (just before TaskService.EnqueueAsync → the attempt's activity stopped, after its end was committed)")
            .Note($"minus the p50 of {Samples} bare runs of /bin/true (posix_spawn → reaped, with Baton's launcher, no engine); 1 worker")
            .Note("the breakdown rows include /bin/true's own run in the middle one");
    }

    private async Task<List<double>> RunBareAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var spec = new ProcessStartSpec(BenchTasks.TrueProgram, [], workingDirectory, environment);
        var samples = new List<double>(Samples);
        for (var i = 0; i < WarmUp + Samples; i++)
        {
            var run = await ChildProcesses.RunAsync(spec, time, TaskTimeout, cancellationToken);
            if (i >= WarmUp)
            {
                samples.Add(run.Elapsed.TotalMilliseconds);
            }
        }

        return samples;
    }
}
