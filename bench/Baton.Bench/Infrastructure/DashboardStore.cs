using Baton.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Baton.Bench.Infrastructure;

/// <summary>
/// A store with a history worth showing: ended tasks, a fifth of them in completed workflows of one phase each,
/// inserted with SQL in one transaction after Baton's own migrations (as the listing scenario fills its million).
/// </summary>
internal static class DashboardStore
{
    public static async Task FillAsync(string database, string workingDirectory, int tasks, int workflows, int tasksPerWorkflow, DateTimeOffset start,
        CancellationToken cancellationToken = default)
    {
        await new SqliteStoreMigrator(new SqliteStoreOptions { DatabasePath = database }).MigrateAsync(cancellationToken);
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await using var fill = connection.CreateCommand();
        // Ids are 12 hex digits (within the id alphabet), distinct because multiplying by an odd number is a bijection
        // modulo 2^48; workflows take another range of the counter than tasks.
        fill.CommandText = """
            PRAGMA synchronous = OFF;
            BEGIN;
            WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $workflows - 1)
            INSERT INTO workflows (id, name, description, status, failure_policy, upstream_task_cap, upstream_total_cap, created_at, updated_at, started_at,
                completed_at, created_by)
            SELECT printf('%012x', ((i + 4000000) * 25214903917) & 281474976710655), 'release-' || i, '', 'completed', 'fail_fast', 16384, 65536,
                $start + i * 2 * $per, $start + (i + 1) * 2 * $per, $start + i * 2 * $per, $start + (i + 1) * 2 * $per, 'bench'
            FROM n;
            INSERT INTO phases (workflow_id, phase_id, position, name, depends_on, status, started_at, completed_at)
            SELECT id, 'main', 0, 'main', '[]', 'completed', started_at, completed_at FROM workflows;
            WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $count - 1)
            INSERT INTO tasks (id, name, runner, program, arguments, working_directory, environment, priority, max_retries, retry_backoff,
                tags, metadata, status, created_at, updated_at, due_at, started_at, completed_at, attempt_count, failure_count, result, error,
                workflow_id, phase_id)
            SELECT printf('%012x', (i * 25214903917) & 281474976710655), 'task-' || (i % 1000), 'command', '/bin/true', '[]', $cwd, '{}', 2, 3,
                'exponential', '[]', '{}', CASE WHEN i % 100 < 95 OR i < $workflows * $per THEN 'completed' WHEN i % 100 < 99 THEN 'failed' ELSE 'cancelled' END,
                $start + i * 2, $start + i * 2 + 1, $start + i * 2, $start + i * 2, $start + i * 2 + 1, 1,
                CASE WHEN i % 100 BETWEEN 95 AND 98 AND i >= $workflows * $per THEN 4 ELSE 0 END,
                'ok' || char(10),
                CASE WHEN i >= $workflows * $per AND i % 100 BETWEEN 95 AND 98 THEN 'exit code 1' WHEN i >= $workflows * $per AND i % 100 = 99 THEN 'cancelled before it ran' END,
                CASE WHEN i < $workflows * $per THEN printf('%012x', (((i / $per) + 4000000) * 25214903917) & 281474976710655) END,
                CASE WHEN i < $workflows * $per THEN 'main' END
            FROM n;
            COMMIT;
            """;
        fill.Parameters.AddWithValue("$count", tasks);
        fill.Parameters.AddWithValue("$workflows", workflows);
        fill.Parameters.AddWithValue("$per", tasksPerWorkflow);
        fill.Parameters.AddWithValue("$cwd", workingDirectory);
        fill.Parameters.AddWithValue("$start", start.ToUnixTimeMilliseconds());
        fill.CommandTimeout = 600;
        await fill.ExecuteNonQueryAsync(cancellationToken);
    }
}
