using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;
using Baton.Bench.Reporting;
using Baton.Core.Runners;
using Baton.Core.Runners.Command;

namespace Baton.Bench.Scenarios;

/// <summary>
/// 10. From a phase's last task ending (its end committed, which promotes the next phase in the same transaction) to
/// the next phase's first process having started, along a long chain of phases.
/// </summary>
internal sealed class PhaseLatency(TimeProvider time) : IScenario
{
    private const int Workers = 2;
    private const int TasksPerPhase = 2;
    private const int WarmUpPhases = 11;
    private const int Phases = 101;
    private const double TargetP50 = 10;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public string Name => "phase-latency";

    public string Title => "10. Phase hand-over latency (last end committed → next phase's process started)";

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken = default)
    {
        using var directory = BenchDirectory.Create(Name);
        using var traces = new AttemptTraces(time);
        await using var host = await EngineHost.StartAsync(
            directory, Workers, [new CommandRunner(AttemptEnvironment.OfCurrentProcess())], time, cancellationToken);
        var task = BenchTasks.True(directory.Path);
        var searchPath = Environment.GetEnvironmentVariable("PATH");

        var warmUp = BenchWorkflows.Blueprint(host.Workflows, "warm-up", BenchWorkflows.Chain(WarmUpPhases, TasksPerPhase, task), time);
        await WorkflowRun.RunAsync(host, traces, warmUp, searchPath, time, Deadline, cancellationToken);

        var blueprint = BenchWorkflows.Blueprint(host.Workflows, "chain", BenchWorkflows.Chain(Phases, TasksPerPhase, task), time);
        var run = await WorkflowRun.RunAsync(host, traces, blueprint, searchPath, time, Deadline, cancellationToken);
        var phases = BenchWorkflows.TaskIdsByPhase(blueprint);
        var handOvers = new List<double>(Phases - 1);
        var fromRunnerReturned = new List<double>(Phases - 1);
        for (var i = 0; i + 1 < phases.Count; i++)
        {
            var ended = phases[i].Select(id => run.Traces[id]).MaxBy(t => t.Finished)!;
            var nextStarted = phases[i + 1].Min(id => run.Traces[id].ProcessStarted
                ?? throw new InvalidOperationException($"task {id} has no process.started event"));
            handOvers.Add((nextStarted - ended.Finished).TotalMilliseconds);
            var returned = ended.AttemptEnded ?? throw new InvalidOperationException($"task {ended.TaskId} has no attempt.ended event");
            fromRunnerReturned.Add((nextStarted - returned).TotalMilliseconds);
        }

        var latency = Distribution.Of(handOvers);
        return new ScenarioReport(Title)
            .Add("hand-overs (after a warm-up chain)", $"{latency.Count} (+{WarmUpPhases - 1})")
            .Add(Figure.AtMost("p50 last end committed → next process.started", latency.P50, TargetP50, Units.Duration))
            .Add("p99 / max", $"{Units.Duration(latency.P99)} / {Units.Duration(latency.Max)}")
            .Add("p50 last runner returned → next process.started", Units.Duration(Distribution.Of(fromRunnerReturned).P50))
            .Add($"whole chain, {Phases} phases × {TasksPerPhase} tasks", Units.Duration(run.Elapsed.TotalMilliseconds))
            .Add("  per phase", Units.Duration(run.Elapsed.TotalMilliseconds / Phases))
            .Note($"in-process engine, {Workers} workers, /bin/true; one workflow of {Phases} phases in a chain, {TasksPerPhase} tasks each;")
            .Note("from the attempt activity's stop of a phase's last task (after the transaction that recorded its end and released the")
            .Note("next phase committed) to the earliest process.started event among the next phase's tasks: wake-up, claim+commit, spawn");
    }
}
