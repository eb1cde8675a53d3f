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
        "events_notify", "events_webhooks",
    ];

    public static async Task DisableAsync(string databasePath, CancellationToken cancellationToken = default)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        foreach (var trigger in Triggers)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP TRIGGER {trigger}";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public static async Task<long> CountEventsAsync(string databasePath, CancellationToken cancellationToken = default)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM events";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
