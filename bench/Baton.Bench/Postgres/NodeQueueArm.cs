using System.Globalization;
using System.Text.Json;
using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;

namespace Baton.Bench.Postgres;

/// <summary>
/// A Node.js job queue on PostgreSQL, run by its peer's queue.mjs in bench/peers (graphile-worker, pg-boss) with the
/// queue's own documented fast settings; the script takes the mode and the sizes and prints one JSON line.
/// </summary>
internal sealed class NodeQueueArm(string package, ArmKind kind) : IPostgresQueueArm
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);
    private readonly NodePeer peer = new(package, package);

    public string Name { get; } = $"{package} {PinnedVersion(package)}";

    public ArmKind Kind => kind;

    public static NodeQueueArm GraphileWorker() => new("graphile-worker", ArmKind.GraphileWorker);

    public static NodeQueueArm PgBoss() => new("pg-boss", ArmKind.Peer);

    public async Task<ArmRate?> WithProducerAsync(PostgresArmContext context, CancellationToken cancellationToken = default)
    {
        var workload = context.Workload;
        using var result = await RunAsync(context, "producer", workload.ProducerJobs, workload.ProducerWarmUp, cancellationToken);
        var producer = result.RootElement.GetProperty("produce_rate").GetDouble();
        return new ArmRate(result.RootElement.GetProperty("rate").GetDouble(), $"producer {Units.Rate(producer, "adds")}");
    }

    public async Task<ArmRate?> DrainAsync(PostgresArmContext context, CancellationToken cancellationToken = default)
    {
        using var result = await RunAsync(context, "drain", context.Workload.DrainJobs, 0, cancellationToken);
        return new ArmRate(result.RootElement.GetProperty("rate").GetDouble());
    }

    public async Task<IReadOnlyList<double>?> AddToStartAsync(PostgresArmContext context, CancellationToken cancellationToken = default)
    {
        var workload = context.Workload;
        using var result = await RunAsync(context, "latency", workload.LatencySamples, workload.LatencyWarmUp, cancellationToken);
        return [.. result.RootElement.GetProperty("samples_ms").EnumerateArray().Select(s => s.GetDouble())];
    }

    private async Task<JsonDocument> RunAsync(PostgresArmContext context, string mode, int jobs, int warmUp, CancellationToken cancellationToken)
    {
        var database = await context.CreateDatabaseAsync(package.Replace('-', '_'));
        string[] arguments =
        [
            "--mode", mode,
            "--jobs", jobs.ToString(CultureInfo.InvariantCulture),
            "--warmup", warmUp.ToString(CultureInfo.InvariantCulture),
            "--workers", context.Workload.Workers.ToString(CultureInfo.InvariantCulture),
        ];

        // The connection string goes by environment, not argv, so the cluster's password is not in the process list.
        var environment = new Dictionary<string, string> { ["DATABASE_URL"] = context.Cluster.Uri(database) };
        var output = await peer.RunAsync("queue.mjs", arguments, environment, context.Time, RunTimeout, cancellationToken);
        return JsonDocument.Parse(output);
    }

    /// <summary>The exact version bench/peers/<paramref name="package"/>/package.json pins, so the report names what ran.</summary>
    private static string PinnedVersion(string package)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(new NodePeer(package, package).Directory, "package.json")));
        return manifest.RootElement.GetProperty("dependencies").GetProperty(package).GetString() ?? "?";
    }
}
