using System.Globalization;
using Baton.Core.Notifications;
using Baton.Core.Storage;
using Microsoft.Data.Sqlite;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>
/// Notifications in SQLite (the notifications view of migration 0005: the events whose triggers marked them for a
/// person, with their read marks in notification_reads). A take reads
/// and marks in one write transaction, so two readers never both receive the same unread notification as new.
/// </summary>
public sealed class SqliteNotificationStore : INotificationStore, IAsyncDisposable
{
    // Owners and ids travel as JSON arrays (json_each), so that every query has one text and one cached statement.
    private const string Select =
        """
        SELECT id, event_id, owner, type, workflow_id, task_id, message, created_at, delivered_at FROM notifications
        WHERE (owner IN (SELECT value FROM json_each($owners)) OR ($unowned = 1 AND owner IS NULL))
            AND ($workflow IS NULL OR workflow_id = $workflow)
            AND ($unread = 0 OR delivered_at IS NULL)
        ORDER BY id DESC LIMIT $limit
        """;

    private const string Mark =
        "INSERT OR IGNORE INTO notification_reads (event_id, delivered_at) SELECT value, $now FROM json_each($ids)";

    private readonly SqliteDatabase database;

    /// <summary>Creates the store over the database file in <paramref name="options"/> (already initialised by the task store).</summary>
    public SqliteNotificationStore(SqliteStoreOptions options) => database = new SqliteDatabase(options);

    /// <inheritdoc />
    public Task<IReadOnlyList<NotificationRecord>> TakeAsync(NotificationQuery query, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (!query.MarkDelivered)
        {
            return database.RunAsync(
                async connection =>
                {
                    await using var command = Parameters(Command(connection, Select), query);
                    return await ReadAllAsync(command, cancellationToken);
                },
                cancellationToken);
        }

        return database.WriteAsync(
            async session =>
            {
                var found = await ReadAllAsync(Parameters(session.Command(Select), query), cancellationToken);
                var unread = found.Where(n => n.DeliveredAt is null).Select(n => n.Id).ToArray();
                if (unread.Length == 0)
                {
                    return found;
                }

                await session.Command(Mark).With("$now", ToUnixMs(now)).With("$ids", "[" + string.Join(',', unread.Select(id => id.ToString(CultureInfo.InvariantCulture))) + "]")
                    .ExecuteNonQueryAsync(cancellationToken);
                var marked = DateTimeOffset.FromUnixTimeMilliseconds(ToUnixMs(now));
                return (IReadOnlyList<NotificationRecord>)[.. found.Select(n => n.DeliveredAt is null ? n with { DeliveredAt = marked } : n)];
            },
            cancellationToken);
    }

    /// <summary>Closes the store's writer connection.</summary>
    public ValueTask DisposeAsync() => database.DisposeAsync();

    private static SqliteCommand Parameters(SqliteCommand command, NotificationQuery query) => command
        .With("$owners", StoreJson.List(query.Audience.Owners))
        .With("$unowned", query.Audience.IncludeUnowned ? 1 : 0)
        .With("$workflow", query.WorkflowId)
        .With("$unread", query.UnreadOnly ? 1 : 0)
        .With("$limit", query.Limit);

    private static async Task<IReadOnlyList<NotificationRecord>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var found = new List<NotificationRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new NotificationRecord(
                reader.GetInt64(0),
                reader.GetInt64(1),
                reader.GetStringOrNull(2),
                reader.GetString(3),
                reader.GetStringOrNull(4),
                reader.GetStringOrNull(5),
                reader.GetString(6),
                FromUnixMs(reader.GetInt64(7)),
                reader.GetTimeOrNull(8)));
        }

        return found;
    }
}
