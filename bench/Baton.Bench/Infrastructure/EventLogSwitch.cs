using Microsoft.Data.Sqlite;

namespace Baton.Bench.Infrastructure;

/// <summary>
/// Turns the event log off in a bench database with a trigger of its own that ignores every insert into the events
/// table, so the same engine can be measured with and without it. Only the bench does this; the product has no such
/// switch and no trigger.
/// </summary>
internal static class EventLogSwitch
{
    public static async Task DisableAsync(string databasePath, CancellationToken cancellationToken = default)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // The store still sends each append (one prepared statement), but nothing is written: no row, no index page.
        command.CommandText = "CREATE TRIGGER bench_no_events BEFORE INSERT ON events BEGIN SELECT RAISE(IGNORE); END;";
        await command.ExecuteNonQueryAsync(cancellationToken);
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
                UPDATE webhook_routing SET version = version + 1;
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
