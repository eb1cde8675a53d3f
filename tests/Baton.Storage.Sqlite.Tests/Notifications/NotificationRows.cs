using Baton.Storage.Sqlite.Tests.Testing;

namespace Baton.Storage.Sqlite.Tests.Notifications;

/// <summary>Writes notification rows as the events_notify trigger would, for tests of reading them.</summary>
internal static class NotificationRows
{
    public static async Task<long> InsertAsync(this TestDatabase database, string? owner, string? workflowId = null, string message = "m", long? createdAtMs = null)
    {
        await using var connection = database.OpenRawConnection();
        await using var command = connection.CreateCommand();
        command.CommandText =
            """
            INSERT INTO notifications (event_id, owner, type, workflow_id, task_id, message, created_at)
            VALUES (0, $owner, 'milestone', $workflow, NULL, $message, $at) RETURNING id
            """;
        command.Parameters.AddWithValue("$owner", (object?)owner ?? DBNull.Value);
        command.Parameters.AddWithValue("$workflow", (object?)workflowId ?? DBNull.Value);
        command.Parameters.AddWithValue("$message", message);
        command.Parameters.AddWithValue("$at", createdAtMs ?? TestTasks.Now.ToUnixTimeMilliseconds());
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
