using System.Globalization;
using Npgsql;

namespace Baton.Bench.Postgres;

/// <summary>
/// How much a stretch of work made the cluster write: transaction ids assigned (every transaction that writes, and
/// every NOTIFY, though a NOTIFY's commit does not wait for a WAL flush: it wrote nothing else) and WAL bytes. Both
/// counters are exact at once, unlike the statistics views, which a busy backend updates at most once a second.
/// </summary>
internal readonly record struct ServerWrites(long Transactions, long WalBytes)
{
    public static async Task<ServerWrites> ReadAsync(PostgresArmContext context, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(context.Cluster.ConnectionString() + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_current_xact_id()::text::bigint, (pg_current_wal_lsn() - '0/0')::bigint", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new ServerWrites(reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>What happened between <paramref name="before"/> and this, per job (the two reads' own transactions left out).</summary>
    public string PerJob(ServerWrites before, int jobs) => string.Format(
        CultureInfo.InvariantCulture, "{0:0.00} transaction ids and {1:0} WAL bytes a job", (Transactions - before.Transactions - 1) / (double)jobs, (WalBytes - before.WalBytes) / (double)jobs);
}
