using System.Globalization;
using System.Text.RegularExpressions;
using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;
using Baton.Core.Processes;
using Baton.Core.Runners;
using Baton.Testing.Postgres;
using Npgsql;

namespace Baton.Bench.Postgres;

/// <summary>
/// What PostgreSQL itself allows on this machine: pgbench with <see cref="PostgresWorkload.Workers"/> clients, each
/// pgbench transaction inserting, claiming with SKIP LOCKED and completing one row, so every client is producer and
/// worker at once. With three commits per job (each statement its own transaction) it is the ceiling for Baton, whose
/// tasks commit enqueue, claim and end separately; with one commit per job it is the ceiling of any queue at all.
/// It has no add→start of its own.
/// </summary>
internal sealed partial class PgbenchCeilingArm(int commitsPerJob) : IPostgresQueueArm
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);

    public string Name => commitsPerJob == 1 ? "pgbench, 1 commit per job" : "pgbench, 3 commits per job";

    public ArmKind Kind => commitsPerJob == 1 ? ArmKind.Reference : ArmKind.RawCeiling;

    private bool OneCommit => commitsPerJob == 1;

    public async Task<ArmRate?> WithProducerAsync(PostgresArmContext context, CancellationToken cancellationToken = default)
    {
        var database = await PrepareAsync(context, 0, cancellationToken);
        var seconds = context.Workload.CeilingDuration.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
        var run = await RunAsync(context, database, PgbenchScripts.InsertClaimComplete(OneCommit), ["-T", seconds], cancellationToken);
        var (done, left) = await CountAsync(context, database, cancellationToken);
        return new ArmRate(done / run.Seconds, $"{Units.Count(done)} done, {Units.Count(left)} queued");
    }

    public async Task<ArmRate?> DrainAsync(PostgresArmContext context, CancellationToken cancellationToken = default)
    {
        var workload = context.Workload;
        var database = await PrepareAsync(context, workload.DrainJobs, cancellationToken);
        var perClient = (workload.DrainJobs / workload.Workers).ToString(CultureInfo.InvariantCulture);
        var run = await RunAsync(context, database, PgbenchScripts.ClaimComplete(OneCommit), ["-t", perClient], cancellationToken);
        var (done, _) = await CountAsync(context, database, cancellationToken);
        return new ArmRate(done / run.Seconds, $"{Units.Count(done)} done, {(OneCommit ? 1 : 2)} commit(s) per job");
    }

    public Task<IReadOnlyList<double>?> AddToStartAsync(PostgresArmContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<double>?>(null);

    private static async Task<string> PrepareAsync(PostgresArmContext context, int queued, CancellationToken cancellationToken)
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
    /// Runs pgbench on the script; returns how long its transactions took, connections not included. A transaction
    /// whose claim found nothing completed no job, so the rate is the rows done over this time, not pgbench's tps.
    /// </summary>
    private async Task<PgbenchRun> RunAsync(PostgresArmContext context, string database, string script, string[] length, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Path.GetTempPath(), $"baton-bench-pgbench-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(file, script, cancellationToken);
        try
        {
            var workers = context.Workload.Workers.ToString(CultureInfo.InvariantCulture);
            string[] arguments =
            [
                "-h", "127.0.0.1", "-p", context.Cluster.Port.ToString(CultureInfo.InvariantCulture), "-U", PostgresCluster.User,
                "-n", "-M", "prepared", "-c", workers, "-j", workers, .. length, "-f", file, database,
            ];
            var environment = new Dictionary<string, string>(AttemptEnvironment.OfCurrentProcess()) { ["PGPASSWORD"] = context.Cluster.Password };
            var spec = new ProcessStartSpec(PgbenchProgram.Path, arguments, Path.GetTempPath(), environment);
            var run = await ChildProcesses.RunAsync(spec, context.Time, context.Workload.CeilingDuration + Margin, cancellationToken);
            if (run.Exit.ExitCode != 0)
            {
                throw new InvalidOperationException($"pgbench ({Name}) ended with {run.Exit}: {run.Stderr.Trim()} {run.Stdout.Trim()}");
            }

            var tps = TransactionsPerSecond().Match(run.Stdout);
            var processed = TransactionsProcessed().Match(run.Stdout);
            return tps.Success && processed.Success
                ? new PgbenchRun(long.Parse(processed.Groups[1].Value, CultureInfo.InvariantCulture) / double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture))
                : throw new InvalidOperationException($"pgbench printed no rate: {run.Stdout.Trim()}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<(long Done, long Left)> CountAsync(PostgresArmContext context, string database, CancellationToken cancellationToken)
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

    private sealed record PgbenchRun(double Seconds);
}
