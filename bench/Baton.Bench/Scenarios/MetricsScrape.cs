using System.Net;
using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;
using Baton.Bench.Reporting;
using Baton.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Baton.Bench.Scenarios;

/// <summary>
/// <c>GET /metrics</c> against a real <c>baton serve</c> whose SQLite store holds 1,000,000 ended tasks and 2,000
/// queued ones: the cluster's gauges are read from the store at each scrape, so this is the scrape's whole cost.
/// </summary>
internal sealed class MetricsScrape(TimeProvider time) : IScenario
{
    private const int Ended = 1_000_000;
    private const int Queued = 2_000;
    private const double TargetP99 = 100;
    private const int WarmUp = 300;
    private const int Samples = 500;

    public string Name => "metrics-scrape";

    public string Title => "Metrics: GET /metrics with 1,000,000 tasks stored";

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken = default)
    {
        using var directory = BenchDirectory.Create(Name);
        var home = directory.Subdirectory("home");
        var database = Path.Combine(home, "baton.db");
        await FillAsync(database, directory.Subdirectory("work"), cancellationToken);
        // No workers: the queued tasks stay queued, and only the scrape runs.
        await using var rest = await RestDaemon.StartAsync(home, ["serve", "--workers", "0"], new Dictionary<string, string>(), time, cancellationToken);
        var latencies = new List<double>(Samples);
        var size = 0;
        for (var i = 0; i < WarmUp + Samples; i++)
        {
            var start = time.GetTimestamp();
            var body = await rest.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "/metrics"), HttpStatusCode.OK, cancellationToken);
            if (i >= WarmUp)
            {
                latencies.Add(time.GetElapsedTime(start).TotalMilliseconds);
                size = body.Length;
            }
        }

        await rest.Daemon.StopAsync(TimeSpan.FromSeconds(30), cancellationToken);
        var scrape = Distribution.Of(latencies);
        return new ScenarioReport(Title)
            .Add("tasks stored / database size", $"{Units.Count(Ended + Queued)} / {Units.Megabytes(new FileInfo(database).Length)}")
            .Add("samples (after warm-up)", $"{Units.Count(Samples)} (+{Units.Count(WarmUp)})")
            .Add("page size", $"{size / 1024.0:0.0} KB")
            .Add("p50 scrape", Units.Duration(scrape.P50))
            .Add(Figure.AtMost("p99 scrape", scrape.P99, TargetP99, Units.Duration))
            .Note("one client, keep-alive, Prometheus text format; request sent to body read. Ended tasks: 95 % completed, 4 % failed,")
            .Note("1 % cancelled; queued: pending, due in 2099, over the four priorities and ten agents. serve --workers 0 (nothing runs).");
    }

    /// <summary>Baton's migrations, then the tasks by INSERT … SELECT over a counter in one transaction (ids as in the REST listing bench).</summary>
    private async Task FillAsync(string database, string workingDirectory, CancellationToken cancellationToken)
    {
        await new SqliteStoreMigrator(new SqliteStoreOptions { DatabasePath = database }).MigrateAsync(cancellationToken);
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await using var fill = connection.CreateCommand();
        fill.CommandText = """
            PRAGMA synchronous = OFF;
            PRAGMA cache_size = -262144;
            BEGIN;
            WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $count - 1)
            INSERT INTO tasks (id, name, runner, program, arguments, working_directory, environment, priority, max_retries, retry_backoff,
                tags, metadata, status, created_at, updated_at, due_at, started_at, completed_at, attempt_count, failure_count, result, error, agent_name)
            SELECT printf('%012x', (i * 25214903917) & 281474976710655), 'task-' || (i % 1000), 'command', '/bin/true', '[]', $cwd, '{}', i % 4, 3,
                'exponential', '[]', '{}',
                CASE WHEN i >= $ended THEN 'pending' WHEN i % 100 < 95 THEN 'completed' WHEN i % 100 < 99 THEN 'failed' ELSE 'cancelled' END,
                $start + i * 2, $start + i * 2 + 1,
                CASE WHEN i >= $ended THEN $later ELSE $start + i * 2 END,
                CASE WHEN i >= $ended THEN NULL ELSE $start + i * 2 END,
                CASE WHEN i >= $ended THEN NULL ELSE $start + i * 2 + 1 END,
                CASE WHEN i >= $ended THEN 0 ELSE 1 END,
                CASE WHEN i < $ended AND i % 100 BETWEEN 95 AND 98 THEN 4 ELSE 0 END,
                CASE WHEN i < $ended AND i % 100 < 95 THEN 'ok' || char(10) END,
                CASE WHEN i < $ended AND i % 100 BETWEEN 95 AND 98 THEN 'exit code 1' WHEN i < $ended AND i % 100 = 99 THEN 'cancelled before it ran' END,
                CASE WHEN i % 3 = 0 THEN 'agent-' || (i % 10) END
            FROM n;
            COMMIT;
            """;
        fill.Parameters.AddWithValue("$count", Ended + Queued);
        fill.Parameters.AddWithValue("$ended", Ended);
        fill.Parameters.AddWithValue("$cwd", workingDirectory);
        fill.Parameters.AddWithValue("$start", time.GetUtcNow().AddDays(-30).ToUnixTimeMilliseconds());
        fill.Parameters.AddWithValue("$later", new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds());
        fill.CommandTimeout = 600;
        await fill.ExecuteNonQueryAsync(cancellationToken);
    }
}
