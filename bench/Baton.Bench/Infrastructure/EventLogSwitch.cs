using Microsoft.Data.Sqlite;

namespace Baton.Bench.Infrastructure;

/// <summary>
/// Turns the event log off in a bench database by dropping the triggers that write it (migration 0005), so the
/// same engine can be measured with and without it. Only the bench does this; the product has no such switch.
/// </summary>
internal static class EventLogSwitch
{
    private static readonly string[] Triggers =
    [
        "tasks_event_created", "tasks_event_status", "attempts_event_progress", "phases_event_status",
        "phases_event_created_running", "workflows_event_status", "workflows_event_created_running",
        "events_webhooks",
    ];

    public static Task DisableAsync(string databasePath, CancellationToken cancellationToken = default) => DropAsync(databasePath, Triggers, cancellationToken);

    public static async Task DropAsync(string databasePath, IEnumerable<string> triggers, CancellationToken cancellationToken = default)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        foreach (var trigger in triggers)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP TRIGGER {trigger}";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Subscribes a (never contacted) endpoint to every task's end, so that each completion also queues an outbox row
    /// in its transaction, as a webhook subscriber makes it do. Delivering is measured by scenario 17.
    /// </summary>
    public static async Task SubscribeWebhookAsync(string databasePath, CancellationToken cancellationToken = default)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            """
            INSERT INTO webhook_endpoints (id, url, secret, created_at) VALUES ('we_bench', 'http://127.0.0.1:9/hook', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 0);
            INSERT INTO webhook_subscriptions (id, endpoint_id, events, created_at) VALUES ('wh_bench', 'we_bench', ',task.completed,task.failed,', 0);
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<long> CountAsync(string databasePath, string table, CancellationToken cancellationToken = default)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
