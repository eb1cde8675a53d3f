using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;
using Baton.Bench.Reporting;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Bench.Scenarios;

/// <summary>
/// 3. No-op tasks through the engine: each is enqueued, claimed and finished in its own committed transaction, so
/// this is the store's and the engine's own cost per task. Measured with a producer queuing concurrently (the
/// target, in every one of five rounds), each round followed by the plainjob peer doing the same on the same
/// machine, and, for comparison, as the engine alone draining a queue filled beforehand.
/// </summary>
internal sealed class Throughput(TimeProvider time) : IScenario
{
    private const int Workers = 4;
    private const int WarmUp = 1_000;
    private const int TaskCount = 20_000;
    private const int DrainCount = 5_000;
    private const int Rounds = 5;
    private const double Target = 3_000;
    private const double PeerRatioTarget = 0.5;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan DrainDeadline = TimeSpan.FromSeconds(20);

    public string Name => "throughput";

    public string Title => "3. Engine throughput (no-op tasks, one transaction per step), beside plainjob";

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var report = new ScenarioReport(Title);
        var baton = new List<double>(Rounds);
        var peer = new List<double>(Rounds);
        for (var round = 1; round <= Rounds; round++)
        {
            var (rate, detail) = await MeasureWithProducerAsync(cancellationToken);
            using var peerDirectory = BenchDirectory.Create($"{Name}-plainjob");
            var peerRate = await PlainjobPeer.RunAsync(peerDirectory, TaskCount, WarmUp, time, cancellationToken);
            baton.Add(rate);
            peer.Add(peerRate);
            report.Add($"round {round}: Baton · plainjob · ratio", $"{Rate(rate)} · {Units.Rate(peerRate, "jobs")} · {rate / peerRate:0.00} ({detail})");
        }

        var ratios = baton.Zip(peer, (b, p) => b / p).ToArray();
        report.Add("tasks per round (after warm-up)", $"{Units.Count(TaskCount)} (+{Units.Count(WarmUp)})")
            .Add(Figure.AtLeast($"slowest of {Rounds} rounds, first enqueue → last end committed", baton.Min(), Target, Rate))
            .Add($"median of {Rounds} rounds", Rate(Median(baton)))
            .Add($"plainjob, median of {Rounds} rounds", Units.Rate(Median(peer), "jobs"))
            .Add(Figure.AtLeast("Baton / plainjob, median of the rounds' ratios", Median(ratios), PeerRatioTarget, r => $"{r:0.00}"));
        await MeasureDrainAsync(report, cancellationToken);
        return report
            .Note($"in-process engine, {Workers} workers, a runner that succeeds at once; one producer calls TaskService.EnqueueAsync in a loop;")
            .Note("a task counts when its attempt activity stops, i.e. after the transaction recording its end committed;")
            .Note("plainjob 0.0.14 on better-sqlite3 (bench/peers/plainjob): a producer thread adds jobs while 4 workers drain them, WAL, synchronous=NORMAL")
            .Note("(its defaults), three commits per job as in Baton; a round of each runs alternately, so both see the same machine");
    }

    /// <summary>One round with a producer running; returns the rate (the share done by the deadline if it passed) and what else was seen.</summary>
    private async Task<(double Rate, string Detail)> MeasureWithProducerAsync(CancellationToken cancellationToken)
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
        var detail = $"producer {Units.Rate(TaskCount / produced.TotalSeconds, "enqueues")}, {Units.Count(backlog)} queued when it stopped";
        try
        {
            var finishedAt = await allFinished.WaitAsync(produced < Deadline ? Deadline - produced : TimeSpan.Zero, time, cancellationToken);
            var elapsed = time.GetElapsedTime(begun, finishedAt);
            await TaskChecks.RequireCompletedAsync(host.Store, lastId, cancellationToken);
            return (TaskCount / elapsed.TotalSeconds, detail);
        }
        catch (TimeoutException)
        {
            var done = counter.Finished - WarmUp;
            return (done / Deadline.TotalSeconds, $"{detail}; only {Units.Count(done)} done in {Deadline.TotalSeconds:0} s");
        }
    }

    private static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
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
