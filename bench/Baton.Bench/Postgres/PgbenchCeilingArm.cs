using System.Globalization;
using Baton.Bench.Measurement;

namespace Baton.Bench.Postgres;

/// <summary>
/// What PostgreSQL itself allows on this machine: pgbench with <see cref="PostgresWorkload.Workers"/> clients, each
/// pgbench transaction inserting, claiming with SKIP LOCKED and completing one row, so every client is producer and
/// worker at once. With three commits per job (each statement its own transaction) it is the ceiling for Baton, whose
/// tasks commit enqueue, claim and end separately; with one commit per job it is the ceiling of any queue at all.
/// It has no add→start of its own.
/// </summary>
internal sealed class PgbenchCeilingArm(int commitsPerJob) : IPostgresQueueArm
{
    public string Name => commitsPerJob == 1 ? "pgbench, 1 commit per job" : "pgbench, 3 commits per job";

    public ArmKind Kind => commitsPerJob == 1 ? ArmKind.Reference : ArmKind.RawCeiling;

    private bool OneCommit => commitsPerJob == 1;

    public async Task<ArmRate?> WithProducerAsync(PostgresArmContext context, CancellationToken cancellationToken = default)
    {
        var database = await PgbenchRuns.PrepareAsync(context, 0, cancellationToken);
        var seconds = context.Workload.CeilingDuration.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
        var elapsed = await PgbenchRuns.RunAsync(
            context, Name, database, PgbenchScripts.InsertClaimComplete(OneCommit), context.Workload.Workers, ["-T", seconds], cancellationToken);
        var (done, left) = await PgbenchRuns.CountAsync(context, database, cancellationToken);
        return new ArmRate(done / elapsed, $"{Units.Count(done)} done, {Units.Count(left)} queued");
    }

    public async Task<ArmRate?> DrainAsync(PostgresArmContext context, CancellationToken cancellationToken = default)
    {
        var workload = context.Workload;
        var database = await PgbenchRuns.PrepareAsync(context, workload.DrainJobs, cancellationToken);
        var perClient = (workload.DrainJobs / workload.Workers).ToString(CultureInfo.InvariantCulture);
        var elapsed = await PgbenchRuns.RunAsync(context, Name, database, PgbenchScripts.ClaimComplete(OneCommit), workload.Workers, ["-t", perClient], cancellationToken);
        var (done, _) = await PgbenchRuns.CountAsync(context, database, cancellationToken);
        return new ArmRate(done / elapsed, $"{Units.Count(done)} done, {(OneCommit ? 1 : 2)} commit(s) per job");
    }

    public Task<IReadOnlyList<double>?> AddToStartAsync(PostgresArmContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<double>?>(null);
}
