using System.Net;
using System.Text.Json;
using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;
using Baton.Bench.Reporting;
using Baton.Core.Storage;
using Baton.Storage.Postgres;
using Baton.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Baton.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Baton.Bench.Scenarios;

/// <summary>
/// 13. <c>GET /api/v1/tasks?limit=50</c> against a real <c>baton serve</c> whose store holds 1,000,000 tasks: the SQLite
/// file, or (<paramref name="onPostgres"/>) a PostgreSQL database on a durable throw-away cluster of the bench's own.
/// </summary>
internal sealed class RestListLatency(TimeProvider time, bool onPostgres = false) : IScenario
{
    private const int Tasks = 1_000_000;
    private const double TargetP99 = 50;
    private const int WarmUp = 50;
    private const int DaemonWarmUp = 1_500;
    private const int Samples = 500;
    private const int Pages = 500;

    public string Name => onPostgres ? "postgres-rest-list" : "rest-list";

    public string Title => onPostgres
        ? "13b. Listing over REST with 1,000,000 tasks stored in PostgreSQL (GET /api/v1/tasks?limit=50)"
        : "13. Listing over REST with 1,000,000 tasks stored (GET /api/v1/tasks?limit=50)";

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken = default)
    {
        using var directory = BenchDirectory.Create(Name);
        var home = directory.Subdirectory("home");
        var database = Path.Combine(home, "baton.db");
        await using var server = onPostgres ? await PostgresCluster.StartAsync(new ClusterSettings { Durable = true }) : null;
        var environment = new Dictionary<string, string>();
        var fillBegun = time.GetTimestamp();
        long size;
        if (server is null)
        {
            await FillAsync(database, directory.Subdirectory("work"), cancellationToken);
            size = new FileInfo(database).Length;
        }
        else
        {
            var name = await server.CreateDatabaseAsync("list");
            environment["BATON_DB"] = server.Uri(name);
            size = await FillPostgresAsync(server.ConnectionString(name), directory.Subdirectory("work"), cancellationToken);
        }

        var fill = time.GetElapsedTime(fillBegun);

        await using var rest = await RestDaemon.StartAsync(home, ["serve"], environment, time, cancellationToken);
        // A fresh daemon runs unoptimised code for its first seconds (tiered JIT); warm it up before any measurement.
        var first = await MeasureAsync(rest, "/api/v1/tasks?limit=50", DaemonWarmUp, Samples, cancellationToken);
        var failed = await MeasureAsync(rest, "/api/v1/tasks?status=failed&limit=50", WarmUp, Samples, cancellationToken);

        // Follow next_cursor page after page from the newest: each page is a range read, however deep.
        var paging = new List<double>(Pages);
        string? cursor = null;
        var listed = 0;
        for (var i = 0; i < Pages; i++)
        {
            var path = cursor is null ? "/api/v1/tasks?limit=50" : $"/api/v1/tasks?limit=50&cursor={Uri.EscapeDataString(cursor)}";
            var start = time.GetTimestamp();
            var body = await rest.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), HttpStatusCode.OK, cancellationToken);
            paging.Add(time.GetElapsedTime(start).TotalMilliseconds);
            using var page = JsonDocument.Parse(body);
            listed += page.RootElement.GetProperty("tasks").GetArrayLength();
            cursor = page.RootElement.GetProperty("next_cursor").GetString() ?? throw new InvalidOperationException($"the listing ended after {listed} tasks");
        }

        await rest.Daemon.StopAsync(TimeSpan.FromSeconds(30), cancellationToken);
        var pages = Distribution.Of(paging);
        return new ScenarioReport(Title)
            .Add(onPostgres ? "tasks stored / table size with indexes" : "tasks stored / database size", $"{Units.Count(Tasks)} / {Units.Megabytes(size)}")
            .Add("bulk fill (one transaction)", Units.Duration(fill.TotalMilliseconds))
            .Add("samples (after warm-up)", $"{Units.Count(Samples)} (+{Units.Count(DaemonWarmUp)} first, +{WarmUp} for the filter)")
            .Add("p50 first page of 50", Units.Duration(first.P50))
            .Add(Figure.AtMost("p99 first page of 50", first.P99, TargetP99, Units.Duration))
            .Add("p50 / p99 ?status=failed (4 % of tasks)", $"{Units.Duration(failed.P50)} / {Units.Duration(failed.P99)}")
            .Add($"p50 / p99 paging by cursor, {Pages} pages ({Units.Count(listed)} tasks)", $"{Units.Duration(pages.P50)} / {Units.Duration(pages.P99)}")
            .Note("one client, keep-alive; request sent to body read. Tasks inserted with SQL before the daemon starts: 95 % completed, 4 % failed, 1 % cancelled; "
                + "each page is 50 full task views (about 45 KB of JSON)");
    }

    private async Task<Distribution> MeasureAsync(RestDaemon rest, string path, int warmUp, int samples, CancellationToken cancellationToken)
    {
        var latencies = new List<double>(samples);
        for (var i = 0; i < warmUp + samples; i++)
        {
            var start = time.GetTimestamp();
            await rest.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), HttpStatusCode.OK, cancellationToken);
            if (i >= warmUp)
            {
                latencies.Add(time.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        return Distribution.Of(latencies);
    }

    /// <summary>
    /// Creates the schema with Baton's own migrations, then inserts the tasks with one INSERT ... SELECT over a counter, in
    /// one transaction: ended tasks only, so that the daemon has nothing to run. Ids are 12 hex digits (within the id
    /// alphabet), distinct because multiplying by an odd number is a bijection modulo 2^48, and spread like random ids.
    /// </summary>
    /// <summary>
    /// The same million ended tasks in PostgreSQL: Baton's migrations first (through its store), then one INSERT … SELECT
    /// over generate_series with the same ids, statuses and times, then ANALYZE; returns the table's size in bytes.
    /// </summary>
    private async Task<long> FillPostgresAsync(string connectionString, string workingDirectory, CancellationToken cancellationToken)
    {
        await using (var stores = new ServiceCollection().AddBatonPostgresStore(new StoreOptions { Location = connectionString }).BuildServiceProvider())
        {
            await stores.GetRequiredService<IStoreMigrator>().MigrateAsync(cancellationToken);
        }

        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false;Command Timeout=0");
        await connection.OpenAsync(cancellationToken);
        await using var fill = new NpgsqlCommand(
            """
            SET synchronous_commit = off;
            INSERT INTO baton.tasks (id, name, runner, program, arguments, working_directory, environment, priority, max_retries, retry_backoff,
                tags, metadata, status, created_at, updated_at, due_at, started_at, completed_at, attempt_count, failure_count, result, error)
            SELECT lpad(to_hex((i * 25214903917) & 281474976710655), 12, '0'), 'task-' || (i % 1000), 'command', '/bin/true', '[]', @cwd, '{}', 2, 3,
                'exponential', '[]', '{}', CASE WHEN i % 100 < 95 THEN 'completed' WHEN i % 100 < 99 THEN 'failed' ELSE 'cancelled' END,
                @start + i * 2, @start + i * 2 + 1, @start + i * 2, @start + i * 2, @start + i * 2 + 1, 1,
                CASE WHEN i % 100 BETWEEN 95 AND 98 THEN 4 ELSE 0 END,
                CASE WHEN i % 100 < 95 THEN 'ok' || chr(10) END,
                CASE WHEN i % 100 BETWEEN 95 AND 98 THEN 'exit code 1' WHEN i % 100 = 99 THEN 'cancelled before it ran' END
            FROM generate_series(0::bigint, @count - 1) AS i;
            ANALYZE baton.tasks;
            SELECT pg_total_relation_size('baton.tasks');
            """,
            connection);
        fill.Parameters.AddWithValue("count", (long)Tasks);
        fill.Parameters.AddWithValue("cwd", workingDirectory);
        fill.Parameters.AddWithValue("start", time.GetUtcNow().AddDays(-30).ToUnixTimeMilliseconds());
        return (long)(await fill.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task FillAsync(string database, string workingDirectory, CancellationToken cancellationToken)
    {
        await new SqliteStoreMigrator(new SqliteStoreOptions { DatabasePath = database }).MigrateAsync(cancellationToken);
        await using (var store = new SqliteTaskStore(new SqliteStoreOptions { DatabasePath = database }))
        {
        }

        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await using var fill = connection.CreateCommand();
        fill.CommandText = """
            PRAGMA synchronous = OFF;
            PRAGMA cache_size = -262144;
            BEGIN;
            WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $count - 1)
            INSERT INTO tasks (id, name, runner, program, arguments, working_directory, environment, priority, max_retries, retry_backoff,
                tags, metadata, status, created_at, updated_at, due_at, started_at, completed_at, attempt_count, failure_count, result, error)
            SELECT printf('%012x', (i * 25214903917) & 281474976710655), 'task-' || (i % 1000), 'command', '/bin/true', '[]', $cwd, '{}', 2, 3,
                'exponential', '[]', '{}', CASE WHEN i % 100 < 95 THEN 'completed' WHEN i % 100 < 99 THEN 'failed' ELSE 'cancelled' END,
                $start + i * 2, $start + i * 2 + 1, $start + i * 2, $start + i * 2, $start + i * 2 + 1, 1,
                CASE WHEN i % 100 BETWEEN 95 AND 98 THEN 4 ELSE 0 END,
                CASE WHEN i % 100 < 95 THEN 'ok' || char(10) END,
                CASE WHEN i % 100 BETWEEN 95 AND 98 THEN 'exit code 1' WHEN i % 100 = 99 THEN 'cancelled before it ran' END
            FROM n;
            COMMIT;
            """;
        fill.Parameters.AddWithValue("$count", Tasks);
        fill.Parameters.AddWithValue("$cwd", workingDirectory);
        fill.Parameters.AddWithValue("$start", time.GetUtcNow().AddDays(-30).ToUnixTimeMilliseconds());
        fill.CommandTimeout = 600;
        await fill.ExecuteNonQueryAsync(cancellationToken);
    }
}
