namespace Baton.Bench.Postgres;

/// <summary>
/// One queue measured by the PostgreSQL scenario, against the scenario's cluster. Each call makes its own database
/// with <see cref="PostgresArmContext.CreateDatabaseAsync"/>, runs to its end, and leaves nothing running. A mode
/// the arm cannot measure returns null and is printed as "—".
/// </summary>
internal interface IPostgresQueueArm
{
    /// <summary>The row's name in the report, with the version measured (e.g. "graphile-worker 0.18.0").</summary>
    string Name { get; }

    /// <summary>What the arm stands for in the ratios.</summary>
    ArmKind Kind { get; }

    /// <summary>
    /// A producer adds <see cref="PostgresWorkload.ProducerJobs"/> no-op jobs one per transaction, after
    /// <see cref="PostgresWorkload.ProducerWarmUp"/>, while <see cref="PostgresWorkload.Workers"/> workers consume;
    /// jobs per second from the first add to the last completion committed.
    /// </summary>
    Task<ArmRate?> WithProducerAsync(PostgresArmContext context, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="PostgresWorkload.DrainJobs"/> no-op jobs queued beforehand, then the workers start; jobs per
    /// second from starting them to the last completion committed.
    /// </summary>
    Task<ArmRate?> DrainAsync(PostgresArmContext context, CancellationToken cancellationToken = default);

    /// <summary>
    /// add→start in milliseconds on an idle queue, <see cref="PostgresWorkload.LatencySamples"/> of them after
    /// <see cref="PostgresWorkload.LatencyWarmUp"/>: one job at a time added over one connection, started by a worker
    /// on another, the next added once the previous finished.
    /// </summary>
    Task<IReadOnlyList<double>?> AddToStartAsync(PostgresArmContext context, CancellationToken cancellationToken = default);
}
