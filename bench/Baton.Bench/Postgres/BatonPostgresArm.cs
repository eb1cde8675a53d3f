using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;
using Baton.Bench.Scenarios;

namespace Baton.Bench.Postgres;

/// <summary>
/// Baton on PostgreSQL: <paramref name="nodes"/> real nodes (the Release build's <c>baton serve</c>, then
/// <c>baton worker</c>s) of <see cref="PostgresWorkload.Workers"/> slots each, sharing a fresh database through
/// BATON_DB. Tasks are queued as a user queues them at volume, one <c>POST /api/v1/tasks</c> per task (one
/// transaction each) on the first node; a no-op task is Baton's unit of work, a command running /bin/true in its own
/// process. Completions and starts are read from Baton's tables over a separate connection.
/// </summary>
internal sealed class BatonPostgresArm(int nodes, TimeProvider time) : IPostgresQueueArm
{
    /// <summary>Concurrent requests filling the queue before a drain (the filling is not timed).</summary>
    private const int FillConcurrency = 8;
    private static readonly TimeSpan ThroughputPoll = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan LatencyPoll = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan LatencyPause = TimeSpan.FromMilliseconds(10);

    public string Name { get; } = nodes == 1 ? "Baton, 1 node" : $"Baton, {nodes} nodes";

    public ArmKind Kind => ArmKind.Baton;

    /// <summary>
    /// The first node is <c>baton serve</c>, the others <c>baton worker</c>, all with 4 slots; one producer posts
    /// to the first node's REST API, one request after another, while every node runs tasks.
    /// </summary>
    public async Task<ArmRate?> WithProducerAsync(PostgresArmContext context, CancellationToken cancellationToken = default)
    {
        var workload = context.Workload;
        var (database, connectionString) = await DatabaseAsync(context);
        await using var cluster = new BatonNodes(database, time);
        var api = await cluster.StartServeAsync("node-1", workload.Workers, cancellationToken);
        for (var node = 2; node <= nodes; node++)
        {
            await cluster.StartWorkerAsync($"node-{node}", workload.Workers, cancellationToken);
        }

        await using var probe = await BatonQueueProbe.OpenAsync(connectionString, time, cancellationToken);
        using var work = BenchDirectory.Create("postgres-baton-tasks");
        var body = RestTaskPost.Body(work.Path, "no-op");
        for (var i = 0; i < workload.ProducerWarmUp; i++)
        {
            await RestTaskPost.SendAsync(api, body, cancellationToken);
        }

        await probe.WaitUntilAllCompletedAsync(workload.ProducerWarmUp, ThroughputPoll, cancellationToken);

        var begun = time.GetUtcNow();
        for (var i = 0; i < workload.ProducerJobs; i++)
        {
            await RestTaskPost.SendAsync(api, body, cancellationToken);
        }

        var produced = time.GetUtcNow() - begun;
        var backlog = await probe.UnfinishedAsync(cancellationToken);
        var done = await probe.WaitUntilAllCompletedAsync(workload.ProducerWarmUp + workload.ProducerJobs, ThroughputPoll, cancellationToken);
        var ran = await probe.NodesThatRanAsync(cancellationToken);
        return new ArmRate(
            workload.ProducerJobs / (done - begun).TotalSeconds,
            $"producer {Units.Rate(workload.ProducerJobs / produced.TotalSeconds, "adds")}, {Units.Count(backlog)} queued at its end, {ran} nodes ran tasks");
    }

    /// <summary>
    /// The tasks are queued through a <c>baton serve --workers 0</c> node (the API without an engine, not a worker),
    /// then the worker nodes (<c>baton worker</c>, 4 slots each) are started side by side; the clock runs from
    /// spawning them, so it includes their start-up. The detail gives the rate from the first attempt's start.
    /// </summary>
    public async Task<ArmRate?> DrainAsync(PostgresArmContext context, CancellationToken cancellationToken = default)
    {
        var workload = context.Workload;
        var (database, connectionString) = await DatabaseAsync(context);
        await using var cluster = new BatonNodes(database, time);
        var api = await cluster.StartServeAsync("api", 0, cancellationToken);
        await using var probe = await BatonQueueProbe.OpenAsync(connectionString, time, cancellationToken);
        using var work = BenchDirectory.Create("postgres-baton-tasks");
        var body = RestTaskPost.Body(work.Path, "no-op");
        await Parallel.ForEachAsync(
            Enumerable.Range(0, workload.DrainJobs),
            new ParallelOptions { MaxDegreeOfParallelism = FillConcurrency, CancellationToken = cancellationToken },
            async (_, token) => await RestTaskPost.SendAsync(api, body, token));

        var begun = time.GetUtcNow();
        await Task.WhenAll(Enumerable.Range(1, nodes).Select(node => cluster.StartWorkerAsync($"node-{node}", workload.Workers, cancellationToken)));
        var answered = time.GetUtcNow() - begun;
        var done = await probe.WaitUntilAllCompletedAsync(workload.DrainJobs, ThroughputPoll, cancellationToken);
        var firstStart = DateTimeOffset.FromUnixTimeMilliseconds(await probe.FirstStartedAtAsync(cancellationToken));
        return new ArmRate(
            workload.DrainJobs / (done - begun).TotalSeconds,
            $"{Units.Rate(workload.DrainJobs / (done - firstStart).TotalSeconds, "jobs")} from the first start; nodes answered after {Units.Duration(answered.TotalMilliseconds)}");
    }

    /// <summary>
    /// One task at a time posted to node A and started on node B: with one node A is B (<c>baton serve</c>, 4
    /// slots); with more, A is <c>baton serve --workers 0</c> and B a <c>baton worker</c> with 4 slots, so every
    /// task crosses nodes through PostgreSQL. A sample runs from just before the POST to the attempt's start as
    /// Baton records it (the claim, in whole milliseconds; the POST's time is truncated the same way); the next
    /// task is posted 10 ms after the previous one completed.
    /// </summary>
    public async Task<IReadOnlyList<double>?> AddToStartAsync(PostgresArmContext context, CancellationToken cancellationToken = default)
    {
        var workload = context.Workload;
        var (database, connectionString) = await DatabaseAsync(context);
        await using var cluster = new BatonNodes(database, time);
        var api = await cluster.StartServeAsync("node-a", nodes == 1 ? workload.Workers : 0, cancellationToken);
        if (nodes > 1)
        {
            await cluster.StartWorkerAsync("node-b", workload.Workers, cancellationToken);
        }

        await using var probe = await BatonQueueProbe.OpenAsync(connectionString, time, cancellationToken);
        using var work = BenchDirectory.Create("postgres-baton-tasks");
        var body = RestTaskPost.Body(work.Path, "no-op");
        var samples = new List<double>(workload.LatencySamples);
        for (var i = 0; i < workload.LatencyWarmUp + workload.LatencySamples; i++)
        {
            var sent = time.GetUtcNow().ToUnixTimeMilliseconds();
            var taskId = await RestTaskPost.SendAsync(api, body, cancellationToken);
            var started = await probe.WaitUntilCompletedAsync(taskId, LatencyPoll, cancellationToken);
            if (i >= workload.LatencyWarmUp)
            {
                samples.Add(started - sent);
            }

            await Task.Delay(LatencyPause, time, cancellationToken);
        }

        return samples;
    }

    private static async Task<(string Uri, string ConnectionString)> DatabaseAsync(PostgresArmContext context)
    {
        var database = await context.CreateDatabaseAsync("baton");
        return (context.Cluster.Uri(database), context.Cluster.ConnectionString(database));
    }
}
