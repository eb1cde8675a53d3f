using Baton.Core.Storage;
using static Baton.Storage.Postgres.PgValues;

namespace Baton.Storage.Postgres;

/// <summary>Cluster leases in PostgreSQL (table cluster_leases): one upsert that only a free, expired or own lease lets through.</summary>
internal sealed class PostgresClusterLeaseStore(PostgresDatabase database) : IClusterLeaseStore
{
    /// <inheritdoc />
    public Task<bool> TryHoldAsync(string name, string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            // Two nodes taking a free lease at once: the second waits for the first's row and is refused by the WHERE.
            async session => await session.Command(
                """
                INSERT INTO cluster_leases (name, holder, expires_at) VALUES (@name, @holder, @until)
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                WHERE cluster_leases.holder = excluded.holder OR cluster_leases.expires_at <= @now
                """).With("@name", name).With("@holder", holder).With("@until", ToUnixMs(until)).With("@now", ToUnixMs(now))
                .ExecuteNonQueryAsync(cancellationToken) == 1,
            cancellationToken);

    /// <inheritdoc />
    public Task ReleaseAsync(string name, string holder, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session => await session.Command("DELETE FROM cluster_leases WHERE name = @name AND holder = @holder")
                .With("@name", name).With("@holder", holder).ExecuteNonQueryAsync(cancellationToken),
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ClusterLease>> ListAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<ClusterLease>>(
            async connection =>
            {
                await using var command = Command(connection, "SELECT name, holder, expires_at FROM cluster_leases ORDER BY name COLLATE \"C\"");
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var leases = new List<ClusterLease>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    leases.Add(new ClusterLease(reader.GetString(0), reader.GetString(1), FromUnixMs(reader.GetInt64(2))));
                }

                return leases;
            },
            cancellationToken);
}
