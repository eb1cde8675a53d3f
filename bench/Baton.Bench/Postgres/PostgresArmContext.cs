using Baton.Testing.Postgres;

namespace Baton.Bench.Postgres;

/// <summary>What every arm gets: the scenario's durable cluster, the workload of a round, and the clock.</summary>
internal sealed class PostgresArmContext(PostgresCluster cluster, PostgresWorkload workload, TimeProvider time)
{
    public PostgresCluster Cluster => cluster;

    public PostgresWorkload Workload => workload;

    public TimeProvider Time => time;

    /// <summary>A new, empty database on the cluster, so no arm or round sees another's tables or bloat.</summary>
    public Task<string> CreateDatabaseAsync(string arm) => cluster.CreateDatabaseAsync(arm);
}
