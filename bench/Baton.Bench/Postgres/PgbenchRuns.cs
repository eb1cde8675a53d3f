using System.Globalization;
using System.Text.RegularExpressions;
using Baton.Bench.Infrastructure;
using Baton.Core.Processes;
using Baton.Core.Runners;
using Baton.Testing.Postgres;
using Npgsql;

namespace Baton.Bench.Postgres;

/// <summary>What the pgbench arms share: a database with the job table, a pgbench run of one script, and the count of jobs done.</summary>
internal static partial class PgbenchRuns
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);

    /// <summary>A fresh database with the job table and <paramref name="queued"/> ready rows.</summary>
    public static async Task<string> PrepareAsync(PostgresArmContext context, int queued, CancellationToken cancellationToken)
    {
        var database = await context.CreateDatabaseAsync("pgbench");
        await using var connection = new NpgsqlConnection(context.Cluster.ConnectionString(database));
        await connection.OpenAsync(cancellationToken);
        await using (var schema = new NpgsqlCommand(PgbenchScripts.Schema, connection))
        {
            await schema.ExecuteNonQueryAsync(cancellationToken);
        }

        if (queued > 0)
        {
            await using var fill = new NpgsqlCommand(PgbenchScripts.Fill, connection);
            fill.Parameters.AddWithValue(queued);
            await fill.ExecuteNonQueryAsync(cancellationToken);
            await using var analyze = new NpgsqlCommand(PgbenchScripts.Analyze, connection);
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }

        return database;
    }

    /// <summary>
    /// Runs pgbench on <paramref name="script"/> with <paramref name="clients"/> clients; returns how long its
    /// transactions took, connections not included. A transaction whose claim found nothing completed no job, so a
    /// rate is the rows done over this time, not pgbench's tps.
    /// </summary>
    public static async Task<double> RunAsync(
        PostgresArmContext context, string arm, string database, string script, int clients, string[] length, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Path.GetTempPath(), $"baton-bench-pgbench-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(file, script, cancellationToken);
        try
        {
            var count = clients.ToString(CultureInfo.InvariantCulture);
            string[] arguments =
            [
                "-h", "127.0.0.1", "-p", context.Cluster.Port.ToString(CultureInfo.InvariantCulture), "-U", PostgresCluster.User,
                "-n", "-M", "prepared", "-c", count, "-j", count, .. length, "-f", file, database,
            ];
            var environment = new Dictionary<string, string>(AttemptEnvironment.OfCurrentProcess()) { ["PGPASSWORD"] = context.Cluster.Password };
            var spec = new ProcessStartSpec(PgbenchProgram.Path, arguments, Path.GetTempPath(), environment);
            var run = await ChildProcesses.RunAsync(spec, context.Time, context.Workload.CeilingDuration + Margin, cancellationToken);
            if (run.Exit.ExitCode != 0)
            {
                throw new InvalidOperationException($"pgbench ({arm}) ended with {run.Exit}: {run.Stderr.Trim()} {run.Stdout.Trim()}");
            }

            var tps = TransactionsPerSecond().Match(run.Stdout);
            var processed = TransactionsProcessed().Match(run.Stdout);
            return tps.Success && processed.Success
                ? long.Parse(processed.Groups[1].Value, CultureInfo.InvariantCulture) / double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture)
                : throw new InvalidOperationException($"pgbench printed no rate: {run.Stdout.Trim()}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The rows done and those not done.</summary>
    public static async Task<(long Done, long Left)> CountAsync(PostgresArmContext context, string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(context.Cluster.ConnectionString(database));
        await connection.OpenAsync(cancellationToken);
        await using var count = new NpgsqlCommand(PgbenchScripts.Count, connection);
        await using var reader = await count.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TransactionsPerSecond();

    [GeneratedRegex(@"number of transactions actually processed: ([0-9]+)")]
    private static partial Regex TransactionsProcessed();
}
