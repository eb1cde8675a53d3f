using Baton.Core.Sessions;
using Microsoft.Data.Sqlite;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>How a capsule row is read: the columns every capsule query selects, in this order.</summary>
internal static class CapsuleRows
{
    public const string Columns = "c.id, c.task_id, c.attempt_number, c.session_id, c.workflow_id, c.agent, c.created_at, c.capsule";

    public static CapsuleRecord Read(SqliteDataReader reader, int first = 0) => new(
        reader.GetString(first),
        reader.GetString(first + 1),
        reader.IsDBNull(first + 2) ? null : reader.GetInt32(first + 2),
        reader.GetStringOrNull(first + 3),
        reader.GetStringOrNull(first + 4),
        reader.GetString(first + 5),
        FromUnixMs(reader.GetInt64(first + 6)),
        CapsuleJson.Read(reader.GetString(first + 7)));

    public static async Task<IReadOnlyList<CapsuleRecord>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var found = new List<CapsuleRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(Read(reader));
        }

        return found;
    }
}
