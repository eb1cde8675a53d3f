using System.Globalization;
using Baton.Bench.Measurement;

namespace Baton.Bench.Postgres;

/// <summary>
/// What PostgreSQL allows in the producer mode's own shape: one pgbench client inserting one row per transaction
/// (the producer, as every queue's producer adds) while <see cref="PostgresWorkload.Workers"/> other clients claim
/// with SKIP LOCKED and complete in two more commits, three commits per job as a Baton task makes. Unlike the
/// 3-commit ceiling, whose every client produces, the rate here is bounded by one serial chain of commits, as every
/// queue's producer mode is. It has no drain (the 3-commit ceiling's is the same) and no add→start.
/// </summary>
internal sealed class PgbenchOneProducerArm : IPostgresQueueArm
{
    public string Name => "pgbench, one producer, 3 commits per job";

    public ArmKind Kind => ArmKind.OneProducerCeiling;

    public async Task<ArmRate?> WithProducerAsync(PostgresArmContext context, CancellationToken cancellationToken = default)
    {
        var database = await PgbenchRuns.PrepareAsync(context, 0, cancellationToken);
        string[] length = ["-T", context.Workload.CeilingDuration.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)];
        var workers = PgbenchRuns.RunAsync(context, Name, database, PgbenchScripts.Work, context.Workload.Workers, length, cancellationToken);
        var producer = PgbenchRuns.RunAsync(context, Name, database, PgbenchScripts.Produce, 1, length, cancellationToken);
        var elapsed = await producer;
        await workers;
        var (done, left) = await PgbenchRuns.CountAsync(context, database, cancellationToken);
        return new ArmRate(done / elapsed, $"producer {Units.Rate((done + left) / elapsed, "adds")}, {Units.Count(left)} left queued");
    }

    public Task<ArmRate?> DrainAsync(PostgresArmContext context, CancellationToken cancellationToken = default) => Task.FromResult<ArmRate?>(null);

    public Task<IReadOnlyList<double>?> AddToStartAsync(PostgresArmContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<double>?>(null);
}
