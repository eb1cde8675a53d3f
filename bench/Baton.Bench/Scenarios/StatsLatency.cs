using System.Net;
using System.Text.Json;
using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;
using Baton.Bench.Reporting;
using Baton.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Baton.Bench.Scenarios;

/// <summary>
/// <c>GET /api/v1/stats?since=30d</c> (what <c>baton stats --since 30d</c> reads) against a real <c>baton serve</c> whose
/// SQLite store holds 1,000,000 tasks that ended over the last 30 days: the total with failure modes, and by day and by agent.
/// </summary>
internal sealed class StatsLatency(TimeProvider time) : IScenario
{
    private const int Tasks = 1_000_000;
    private const double TargetP50 = 500;
    private const int WarmUp = 2;
    private const int Samples = 10;

    public string Name => "stats";

    public string Title => "Stats over REST with 1,000,000 tasks ended in the last 30 days (GET /api/v1/stats?since=30d)";

    public TimeSpan ExtraTime => TimeSpan.FromMinutes(5);

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken = default)
    {
        using var directory = BenchDirectory.Create(Name);
        var home = directory.Subdirectory("home");
        var database = Path.Combine(home, "baton.db");
        var fillBegun = time.GetTimestamp();
        await FillAsync(database, directory.Subdirectory("work"), cancellationToken);
        var fill = time.GetElapsedTime(fillBegun);

        await using var rest = await RestDaemon.StartAsync(home, ["serve"], new Dictionary<string, string>(), time, cancellationToken);
        // The first query rolls up the days that are over (once, for every later query); the samples follow it.
        var firstBegun = time.GetTimestamp();
        await rest.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "/api/v1/stats?since=30d"), HttpStatusCode.OK, cancellationToken);
        var first = time.GetElapsedTime(firstBegun);
        var (total, runs) = await MeasureAsync(rest, "/api/v1/stats?since=30d", cancellationToken);
        var (byDay, _) = await MeasureAsync(rest, "/api/v1/stats?since=30d&by=day", cancellationToken);
        var (byAgent, _) = await MeasureAsync(rest, "/api/v1/stats?since=30d&by=agent", cancellationToken);
        await rest.Daemon.StopAsync(TimeSpan.FromSeconds(30), cancellationToken);
        return new ScenarioReport(Title)
            .Add("tasks stored / in the window", $"{Units.Count(Tasks)} / {Units.Count(runs)}")
            .Add("bulk fill (one transaction)", Units.Duration(fill.TotalMilliseconds))
            .Add("first query, rolling up the days that are over", Units.Duration(first.TotalMilliseconds))
            .Add("samples (after warm-up)", $"{Samples} (+{WarmUp}) each")
            .Add(Figure.AtMost("p50 since=30d (total and failure modes)", total.P50, TargetP50, Units.Duration))
            .Add("p50 / max since=30d", $"{Units.Duration(total.P50)} / {Units.Duration(total.Max)}")
            .Add("p50 / max by=day", $"{Units.Duration(byDay.P50)} / {Units.Duration(byDay.Max)}")
            .Add("p50 / max by=agent", $"{Units.Duration(byAgent.P50)} / {Units.Duration(byAgent.Max)}")
            .Note("one client; request sent to body read. Tasks inserted with SQL before the daemon starts, spread evenly over 30 days: "
                + "90 % completed, 6 % failed (three error texts), 2 % timed out, 2 % cancelled; a quarter of them of five agents, each with an attempt "
                + "reporting cost and tokens; 1 in 10 retried once");
    }

    private async Task<(Distribution Latency, int Runs)> MeasureAsync(RestDaemon rest, string path, CancellationToken cancellationToken)
    {
        var latencies = new List<double>(Samples);
        var runs = 0;
        for (var i = 0; i < WarmUp + Samples; i++)
        {
            var start = time.GetTimestamp();
            var body = await rest.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), HttpStatusCode.OK, cancellationToken);
            if (i >= WarmUp)
            {
                latencies.Add(time.GetElapsedTime(start).TotalMilliseconds);
            }

            using var stats = JsonDocument.Parse(body);
            runs = stats.RootElement.GetProperty("total").GetProperty("runs").GetInt32();
        }

        return (Distribution.Of(latencies), runs);
    }

    /// <summary>Baton's migrations, then one INSERT ... SELECT over a counter: ended tasks only, so the daemon has nothing to run.</summary>
    private async Task FillAsync(string database, string workingDirectory, CancellationToken cancellationToken)
    {
        await new SqliteStoreMigrator(new SqliteStoreOptions { DatabasePath = database }).MigrateAsync(cancellationToken);
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await using var fill = connection.CreateCommand();
        fill.CommandText = """
            PRAGMA synchronous = OFF;
            PRAGMA temp_store = MEMORY;
            PRAGMA cache_size = -262144;
            BEGIN;
            WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $count - 1)
            INSERT INTO tasks (id, name, runner, program, arguments, working_directory, environment, priority, max_retries, retry_backoff,
                tags, metadata, status, created_at, updated_at, due_at, started_at, completed_at, attempt_count, failure_count, result, error, agent_name)
            SELECT printf('%012x', (i * 25214903917) & 281474976710655), 'task-' || (i % 1000), CASE WHEN i % 4 = 0 THEN 'claude' ELSE 'command' END,
                '/bin/true', '[]', $cwd, '{}', 2, 3, 'exponential', '[]', '{}',
                CASE WHEN i % 50 < 45 THEN 'completed' WHEN i % 50 < 48 THEN 'failed' WHEN i % 50 = 48 THEN 'timed_out' ELSE 'cancelled' END,
                $start + i * 2592, $start + i * 2592 + 1500 + (i % 13) * 500, $start + i * 2592,
                $start + i * 2592 + (i % 7) * 100, $start + i * 2592 + (i % 7) * 100 + 1000 + (i % 11) * 700,
                CASE WHEN i % 10 = 0 THEN 2 ELSE 1 END, CASE WHEN i % 10 = 0 THEN 1 ELSE 0 END,
                CASE WHEN i % 50 < 45 THEN 'ok' END,
                CASE WHEN i % 50 BETWEEN 45 AND 47 THEN 'the program ended with exit code ' || (i % 3 + 1)
                     WHEN i % 50 = 48 THEN 'timed out after 600 s; the process tree was stopped' WHEN i % 50 = 49 THEN 'cancelled' END,
                CASE WHEN i % 4 = 0 THEN 'agent-' || (i % 5) END
            FROM n;
            INSERT INTO attempts (task_seq, task_id, number, status, worker_id, started_at, ended_at, details)
            SELECT seq, id, attempt_count, CASE WHEN status = 'completed' THEN 'completed' ELSE 'failed' END, 'bench', started_at, completed_at,
                json_object('cost_usd', 0.01 + (seq % 7) * 0.005, 'models', json_object('claude-sonnet-4-5',
                    json_object('input_tokens', 1000 + seq % 500, 'output_tokens', 200 + seq % 50, 'cache_read_tokens', 5000, 'cache_write_tokens', 300)))
            FROM tasks WHERE runner = 'claude';
            COMMIT;
            """;
        fill.Parameters.AddWithValue("$count", Tasks);
        fill.Parameters.AddWithValue("$cwd", workingDirectory);
        // The oldest task ends a minute inside the window, the newest a little before now.
        fill.Parameters.AddWithValue("$start", time.GetUtcNow().AddDays(-30).AddMinutes(1).ToUnixTimeMilliseconds());
        fill.CommandTimeout = 600;
        await fill.ExecuteNonQueryAsync(cancellationToken);
    }
}
