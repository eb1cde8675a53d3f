using Baton.Bench.Measurement;

namespace Baton.Bench.Postgres;

/// <summary>What one arm measured, round by round (a null where it does not measure that mode).</summary>
internal sealed class ArmResults(IPostgresQueueArm arm)
{
    public IPostgresQueueArm Arm => arm;

    public List<ArmRate?> WithProducer { get; } = [];

    public List<ArmRate?> Drain { get; } = [];

    public List<IReadOnlyList<double>?> AddToStart { get; } = [];

    public async Task MeasureRoundAsync(PostgresArmContext context, CancellationToken cancellationToken = default)
    {
        WithProducer.Add(await arm.WithProducerAsync(context, cancellationToken));
        Drain.Add(await arm.DrainAsync(context, cancellationToken));
        AddToStart.Add(await arm.AddToStartAsync(context, cancellationToken));
    }

    /// <summary>Each round's add→start p50 (null where not measured).</summary>
    public double?[] AddToStartP50 => [.. AddToStart.Select(s => s is null ? (double?)null : Distribution.Percentile(s, 50))];

    public double?[] AddToStartP95 => [.. AddToStart.Select(s => s is null ? (double?)null : Distribution.Percentile(s, 95))];
}
