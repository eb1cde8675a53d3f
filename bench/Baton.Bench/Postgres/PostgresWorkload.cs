namespace Baton.Bench.Postgres;

/// <summary>How much work every arm of the PostgreSQL scenario does in one round of each mode.</summary>
internal sealed record PostgresWorkload
{
    /// <summary>Workers (slots, connections) consuming at once.</summary>
    public int Workers { get; init; } = 4;

    /// <summary>Jobs a producer adds, one per transaction, while the workers consume.</summary>
    public int ProducerJobs { get; init; } = 3_000;

    /// <summary>Jobs added and consumed before the producer's clock starts.</summary>
    public int ProducerWarmUp { get; init; } = 300;

    /// <summary>Jobs queued before the workers start, for the drain mode.</summary>
    public int DrainJobs { get; init; } = 5_000;

    /// <summary>add→start samples on an idle queue, each job added after the previous one finished.</summary>
    public int LatencySamples { get; init; } = 100;

    /// <summary>add→start samples discarded first.</summary>
    public int LatencyWarmUp { get; init; } = 10;

    /// <summary>How long pgbench runs in the producer mode of the raw ceiling (it has no fixed job count).</summary>
    public TimeSpan CeilingDuration { get; init; } = TimeSpan.FromSeconds(10);
}
