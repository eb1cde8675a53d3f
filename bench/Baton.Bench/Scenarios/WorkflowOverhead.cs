using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;
using Baton.Bench.Reporting;

namespace Baton.Bench.Scenarios;

/// <summary>
/// 11. What a workflow costs per task: 1,000 no-op tasks in 50 chained phases of 20, against the same 1,000 no-op
/// tasks queued on their own and drained by the same engine.
/// </summary>
internal sealed class WorkflowOverhead(TimeProvider time) : IScenario
{
    private const int Workers = 4;
    private const int Phases = 50;
    private const int TasksPerPhase = 20;
    private const int TaskCount = Phases * TasksPerPhase;
    private const int WarmUpPhases = 5;
    private const int WarmUpTasks = 100;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    // Long enough to queue 1,000 tasks before they all become due at once.
    private static readonly TimeSpan DueDelay = TimeSpan.FromSeconds(2);

    public string Name => "workflow-overhead";

    public string Title => $"11. Workflow overhead ({Units.Count(TaskCount)} no-op tasks, {Phases} phases × {TasksPerPhase})";

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken = default)
    {
        using var directory = BenchDirectory.Create(Name);
        using var traces = new AttemptTraces(time);
        await using var host = await EngineHost.StartAsync(directory, Workers, [new NoOpRunner()], time, cancellationToken);
        var task = BenchTasks.NoOp(directory.Path);

        var warmUp = BenchWorkflows.Blueprint(host.Workflows, "warm-up", BenchWorkflows.Chain(WarmUpPhases, TasksPerPhase, task), time);
        await WorkflowRun.RunAsync(host, traces, warmUp, null, time, Deadline, cancellationToken);
        var warmUpIds = new List<string>(WarmUpTasks);
        for (var i = 0; i < WarmUpTasks; i++)
        {
            warmUpIds.Add((await host.Tasks.EnqueueAsync(task, null, cancellationToken)).Task.Id);
        }

        await traces.WaitAllAsync(warmUpIds, Deadline, cancellationToken);

        var blueprint = BenchWorkflows.Blueprint(host.Workflows, "overhead", BenchWorkflows.Chain(Phases, TasksPerPhase, task), time);
        var workflow = await WorkflowRun.RunAsync(host, traces, blueprint, null, time, Deadline, cancellationToken);

        // Queued first, all due at the same moment, so that the drain is timed from a full queue as the workflow's is.
        var queueing = time.GetTimestamp();
        var due = time.GetUtcNow() + DueDelay;
        var ids = new List<string>(TaskCount);
        for (var i = 0; i < TaskCount; i++)
        {
            ids.Add((await host.Tasks.EnqueueAsync(task with { RunAt = due }, null, cancellationToken)).Task.Id);
        }

        var queued = time.GetElapsedTime(queueing);
        if (time.GetUtcNow() >= due)
        {
            throw new InvalidOperationException($"queuing {TaskCount} tasks took {Units.Duration(queued.TotalMilliseconds)}, past the moment they became due");
        }

        var independent = await traces.WaitAllAsync(ids, DueDelay + Deadline, cancellationToken);
        await TaskChecks.RequireCompletedAsync(host.Store, ids[^1], cancellationToken);
        var drained = (independent.Values.Max(t => t.Finished) - due).TotalMilliseconds;
        var total = workflow.Elapsed.TotalMilliseconds;
        return new ScenarioReport(Title)
            .Add("workflow: RunAsync → completed", Units.Duration(total))
            .Add($"  of which RunAsync (creates {Phases} phases, {Units.Count(TaskCount)} tasks)", Units.Duration((workflow.Created - workflow.Started).TotalMilliseconds))
            .Add($"workflow: per task (wall-clock / {Units.Count(TaskCount)})", Units.Duration(total / TaskCount))
            .Add("workflow: returned → end committed (p50 / p99)", Recorded(workflow.Traces.Values))
            .Add("independent: due → last end committed", Units.Duration(drained))
            .Add("independent: per task", Units.Duration(drained / TaskCount))
            .Add("independent: returned → end committed (p50 / p99)", Recorded(independent.Values))
            .Add("independent: queuing them beforehand, one by one", Units.Duration(queued.TotalMilliseconds))
            .Add("workflow − independent, total", Units.Duration(total - drained))
            .Add("workflow − independent, per task", Units.Duration((total - drained) / TaskCount))
            .Note($"in-process engine, {Workers} workers, a runner that succeeds at once in the command runner's place; after a warm-up of a {WarmUpPhases}-phase")
            .Note($"workflow and {WarmUpTasks} tasks; the workflow is created started in one transaction; the independent tasks are queued")
            .Note("with one run_at, so that the same engine drains them from a full queue; both end when the last attempt's end committed");
    }

    private static string Recorded(IEnumerable<AttemptTrace> traces)
    {
        var recorded = Distribution.Of([.. traces.Select(t => (t.Finished - (t.AttemptEnded ?? t.Finished)).TotalMilliseconds)]);
        return $"{Units.Duration(recorded.P50)} / {Units.Duration(recorded.P99)}";
    }
}
