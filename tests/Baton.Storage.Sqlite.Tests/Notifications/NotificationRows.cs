using Baton.Storage.Sqlite.Tests.Testing;

namespace Baton.Storage.Sqlite.Tests.Notifications;

/// <summary>Writes events marked for a person, as the outbox would, for tests of reading notifications.</summary>
internal static class NotificationRows
{
    public static async Task<long> InsertAsync(this TestDatabase database, string? owner, string? workflowId = null, string message = "m", long? createdAtMs = null)
    {
        await using var connection = database.OpenRawConnection();
        await using var command = connection.CreateCommand();
        command.CommandText =
            """
            INSERT INTO events (type, at, workflow_id, message, owner, notify)
            VALUES ('milestone', $at, $workflow, $message, $owner, 'milestone') RETURNING id
            """;
        command.Parameters.AddWithValue("$owner", (object?)owner ?? DBNull.Value);
        command.Parameters.AddWithValue("$workflow", (object?)workflowId ?? DBNull.Value);
        command.Parameters.AddWithValue("$message", message);
        command.Parameters.AddWithValue("$at", createdAtMs ?? TestTasks.Now.ToUnixTimeMilliseconds());
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
