using Microsoft.Data.Sqlite;

namespace Baton.Bench.Infrastructure;

/// <summary>The ids of a database's event log, in order, read beside the daemon (SQLite WAL lets a reader in).</summary>
internal static class EventLogIds
{
    public static async Task<List<long>> ReadAsync(string databasePath, CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        await using var database = new SqliteConnection(connection.ToString());
        await database.OpenAsync(cancellationToken);
        await using var command = database.CreateCommand();
        command.CommandText = "SELECT id FROM events ORDER BY id";
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<long>();
        while (await rows.ReadAsync(cancellationToken))
        {
            ids.Add(rows.GetInt64(0));
        }

        return ids;
    }
}
