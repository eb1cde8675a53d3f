using Baton.Core.Events;
using Microsoft.Data.Sqlite;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>Reads rows of the events table.</summary>
internal static class EventRows
{
    public const string Columns = "id, type, at, task_id, workflow_id, phase_id, attempt, status, old_status, message, data";

    public static EventRecord Read(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        FromUnixMs(reader.GetInt64(2)),
        reader.GetStringOrNull(3),
        reader.GetStringOrNull(4),
        reader.GetStringOrNull(5),
        reader.IsDBNull(6) ? null : reader.GetInt32(6),
        reader.GetStringOrNull(7),
        reader.GetStringOrNull(8),
        reader.GetStringOrNull(9),
        reader.GetStringOrNull(10));

    public static async Task<IReadOnlyList<EventRecord>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var events = new List<EventRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(Read(reader));
        }

        return events;
    }
}
