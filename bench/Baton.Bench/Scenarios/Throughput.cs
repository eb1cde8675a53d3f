using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;
using Baton.Bench.Reporting;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Bench.Scenarios;

/// <summary>
/// 3. No-op tasks through the engine: each is enqueued, claimed and finished in its own committed transaction, so
/// this is the store's and the engine's own cost per task. Measured with a producer queuing concurrently (the
/// target), and, for comparison, as the engine alone draining a queue filled beforehand.
/// </summary>
internal sealed class Throughput(TimeProvider time) : IScenario
{
    private const int Workers = 4;
    private const int WarmUp = 1_000;
    private const int TaskCount = 20_000;
    private const int DrainCount = 5_000;
    private const double Target = 3_000;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan DrainDeadline = TimeSpan.FromSeconds(20);

    public string Name => "throughput";

    public string Title => "3. Engine throughput (no-op tasks, one transaction per step)";

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var report = new ScenarioReport(Title);
        await MeasureWithProducerAsync(report, cancellationToken);
        await MeasureDrainAsync(report, cancellationToken);
        return report
            .Note($"in-process engine, {Workers} workers, a runner that succeeds at once; one producer calls TaskService.EnqueueAsync in a loop;")
            .Note("a task counts when its attempt activity stops, i.e. after the transaction recording its end committed");
    }

    private async Task MeasureWithProducerAsync(ScenarioReport report, CancellationToken cancellationToken)
    {
        using var directory = BenchDirectory.Create(Name);
        using var counter = new AttemptCounter(time);
        await using var host = await EngineHost.StartAsync(directory, Workers, [new NoOpRunner()], time, cancellationToken);
        var definition = BenchTasks.NoOp(directory.Path);
        await EnqueueAsync(host.Tasks.EnqueueAsync, definition, WarmUp, cancellationToken);
        await counter.WhenCountReaches(WarmUp).WaitAsync(Deadline, time, cancellationToken);

        var begun = time.GetTimestamp();
        var allFinished = counter.WhenCountReaches(WarmUp + TaskCount);
        var lastId = await EnqueueAsync(host.Tasks.EnqueueAsync, definition, TaskCount, cancellationToken);
        var produced = time.GetElapsedTime(begun);
        var backlog = WarmUp + TaskCount - counter.Finished;
        try
        {
            var finishedAt = await allFinished.WaitAsync(produced < Deadline ? Deadline - produced : TimeSpan.Zero, time, cancellationToken);
            var elapsed = time.GetElapsedTime(begun, finishedAt);
            await TaskChecks.RequireCompletedAsync(host.Store, lastId, cancellationToken);
            report.Add("tasks (after warm-up)", $"{Units.Count(TaskCount)} (+{Units.Count(WarmUp)})")
                .Add(Figure.AtLeast("first enqueue → last end committed", TaskCount / elapsed.TotalSeconds, Target, Rate))
                .Add("wall time", Units.Duration(elapsed.TotalMilliseconds));
        }
        catch (TimeoutException)
        {
            var done = counter.Finished - WarmUp;
            report.Add(Figure.AtLeast($"completed in {Deadline.TotalSeconds:0} s ({Units.Count(done)} of {Units.Count(TaskCount)})", done / Deadline.TotalSeconds, Target, Rate));
        }

        report.Add("producer's rate meanwhile", Units.Rate(TaskCount / produced.TotalSeconds, "enqueues"))
            .Add("queued but not finished when the producer stopped", Units.Count(backlog));
    }

    private async Task MeasureDrainAsync(ScenarioReport report, CancellationToken cancellationToken)
    {
        using var directory = BenchDirectory.Create($"{Name}-drain");
        var queue = await QueueOnly.OpenAsync(directory, [new NoOpRunner()], time, cancellationToken);
        await EnqueueAsync(queue.EnqueueAsync, BenchTasks.NoOp(directory.Path), DrainCount, cancellationToken);

        using var counter = new AttemptCounter(time);
        var begun = time.GetTimestamp();
        var allFinished = counter.WhenCountReaches(DrainCount);
        await using var host = await EngineHost.StartAsync(directory, Workers, [new NoOpRunner()], time, cancellationToken);
        try
        {
            var elapsed = time.GetElapsedTime(begun, await allFinished.WaitAsync(DrainDeadline, time, cancellationToken));
            report.Add($"engine alone, draining {Units.Count(DrainCount)} queued beforehand", Rate(DrainCount / elapsed.TotalSeconds));
        }
        catch (TimeoutException)
        {
            report.Add($"engine alone, draining {Units.Count(DrainCount)} queued beforehand", $"{Units.Count(counter.Finished)} in {DrainDeadline.TotalSeconds:0} s");
        }
    }

    /// <summary>Queues <paramref name="count"/> tasks one after another; returns the last one's id.</summary>
    private static async Task<string> EnqueueAsync(
        Func<TaskDefinition, string?, CancellationToken, Task<EnqueueResult>> enqueue, TaskDefinition definition, int count, CancellationToken cancellationToken)
    {
        var lastId = string.Empty;
        for (var i = 0; i < count; i++)
        {
            lastId = (await enqueue(definition, null, cancellationToken)).Task.Id;
        }

        return lastId;
    }

    private static string Rate(double perSecond) => Units.Rate(perSecond, "tasks");
}
