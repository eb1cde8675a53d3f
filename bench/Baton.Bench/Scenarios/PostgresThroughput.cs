using Baton.Bench.Postgres;
using Baton.Bench.Reporting;
using Baton.Testing.Postgres;

namespace Baton.Bench.Scenarios;

/// <summary>
/// 21. Job queues on one durable PostgreSQL cluster (fsync and synchronous_commit on) that the scenario starts
/// itself: each arm, in every round and mode, on a fresh database; a producer adding one job per transaction while
/// four workers consume, a queue filled beforehand and drained by four workers, and add→start on an idle queue.
/// The arms take turns, in reverse order every other round, so all of them see the same machine; each figure is
/// the median of the rounds, printed beside every round. Baton's arms are compared with graphile-worker and with
/// the raw ceiling of three commits per job.
/// </summary>
internal sealed class PostgresThroughput(TimeProvider time) : IScenario
{
    private const int Rounds = 3;

    public string Name => "postgres-throughput";

    public string Title => "21. Throughput and add→start on PostgreSQL, beside graphile-worker, pg-boss and a pgbench ceiling";

    /// <summary>
    /// The peers and pgbench take about 5 minutes; Baton's arms, whose nodes are processes started for every mode and
    /// whose second node finds work queued elsewhere at its next poll, take up to 20 more on a busy machine.
    /// </summary>
    public TimeSpan ExtraTime => TimeSpan.FromMinutes(35);

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var workload = new PostgresWorkload();
        await using var cluster = await PostgresCluster.StartAsync(new ClusterSettings { Durable = true });
        var context = new PostgresArmContext(cluster, workload, time);
        IPostgresQueueArm[] every =
        [
            .. BatonArms(time),
            NodeQueueArm.GraphileWorker(),
            NodeQueueArm.PgBoss(),
            new PgbenchCeilingArm(commitsPerJob: 3),
            new PgbenchOneProducerArm(),
            new PgbenchCeilingArm(commitsPerJob: 1),
        ];
        var arms = Chosen(every);
        var results = arms.Select(arm => new ArmResults(arm)).ToArray();
        for (var round = 1; round <= Rounds; round++)
        {
            foreach (var result in round % 2 == 1 ? results : results.Reverse())
            {
                await result.MeasureRoundAsync(context, cancellationToken);
            }
        }

        var report = new ScenarioReport(Title);
        PostgresReport.Write(report, results);
        return report
            .Note($"{Rounds} rounds; PostgreSQL {await ServerVersionAsync(cluster, cancellationToken)} started by the bench on loopback, fsync and synchronous_commit on;")
            .Note($"with a producer: {workload.ProducerJobs:N0} no-op jobs after {workload.ProducerWarmUp:N0} warm-up ones, one per transaction, {workload.Workers} workers;")
            .Note($"draining: {workload.DrainJobs:N0} queued beforehand; add→start: {workload.LatencySamples} jobs after {workload.LatencyWarmUp}, each added once the previous finished;")
            .Note("graphile-worker: concurrency 4, LISTEN/NOTIFY, local queue of 5, completions batched with delay 0; pg-boss: LISTEN/NOTIFY with a notify queue,")
            .Note("4 local workers fetching batches of up to 10 (fetching again while full), polling every 0.5 s (bench/peers/*/queue.mjs);")
            .Note($"raw ceiling: pgbench, {workload.Workers} clients for {workload.CeilingDuration.TotalSeconds:0} s, each transaction inserts, claims (SKIP LOCKED) and completes one row;")
            .Note("its drain claims and completes rows queued beforehand (2 commits per job, or 1);")
            .Note($"one producer: a pgbench client inserting one row per transaction, {workload.Workers} others claiming and completing (2 commits, 1 ms pause when none)");
    }

    /// <summary>
    /// Baton on PostgreSQL with 1 and 2 nodes of 4 slots each, no-op tasks queued through Baton's own API, as
    /// <see cref="IPostgresQueueArm"/>s of <see cref="ArmKind.Baton"/>.
    /// </summary>
    private static IEnumerable<IPostgresQueueArm> BatonArms(TimeProvider time) => [new BatonEngineArm(time), new BatonPostgresArm(1, time), new BatonPostgresArm(2, time)];

    /// <summary>
    /// The arms whose names contain one of the comma-separated words of BATON_BENCH_PG_ARMS (case-insensitive), for a
    /// quicker look at a few of them (e.g. "engine,graphile,3 commits"); every arm when it is unset.
    /// </summary>
    private static IPostgresQueueArm[] Chosen(IPostgresQueueArm[] every)
    {
        var words = (Environment.GetEnvironmentVariable("BATON_BENCH_PG_ARMS") ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words.Length == 0 ? every : [.. every.Where(arm => words.Any(w => arm.Name.Contains(w, StringComparison.OrdinalIgnoreCase)))];
    }

    private static async Task<string> ServerVersionAsync(PostgresCluster cluster, CancellationToken cancellationToken)
    {
        await using var connection = new Npgsql.NpgsqlConnection(cluster.ConnectionString());
        await connection.OpenAsync(cancellationToken);
        return connection.PostgreSqlVersion.ToString();
    }
}
