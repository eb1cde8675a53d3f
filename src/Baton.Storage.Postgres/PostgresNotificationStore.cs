using System.Globalization;
using Baton.Core.Notifications;
using Baton.Core.Storage;
using Npgsql;
using static Baton.Storage.Postgres.PgValues;

namespace Baton.Storage.Postgres;

/// <summary>
/// Notifications in PostgreSQL: the events Core marked for a person (their owner and notification kind are columns of
/// the event), with their read marks in notification_reads, worded by Core when read. A take reads
/// and marks in one write transaction, so two readers never both receive the same unread notification as new.
/// </summary>
internal sealed class PostgresNotificationStore(PostgresDatabase database) : INotificationStore
{
    // Owners and ids travel as arrays, so that every query has one text.
    // The names are read as they are now; Core writes the sentence (NotificationText).
    private const string Select =
        """
        SELECT e.id, e.owner, e.notify, e.workflow_id, e.task_id, e.at, r.delivered_at, e.type, e.phase_id, e.message,
            (SELECT name FROM tasks WHERE id = e.task_id),
            (SELECT name FROM workflows WHERE id = e.workflow_id),
            (SELECT name FROM phases WHERE workflow_id = e.workflow_id AND phase_id = e.phase_id)
        FROM events e LEFT JOIN notification_reads r ON r.event_id = e.id
        WHERE e.notify IS NOT NULL
            AND (e.owner = ANY(@owners) OR (@unowned = 1 AND e.owner IS NULL))
            AND (@workflow IS NULL OR e.workflow_id = @workflow)
            AND (@unread = 0 OR r.delivered_at IS NULL)
        ORDER BY e.id DESC LIMIT @limit
        """;

    private const string Mark =
        "INSERT INTO notification_reads (event_id, delivered_at) SELECT unnest(@ids), @now ON CONFLICT DO NOTHING RETURNING event_id";



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

                // Another node may take the same ones at the same moment: only the marks this transaction made are its
                // own, so that a notification is received as new once.
                var mine = new HashSet<long>();
                await using (var reader = await session.Command(Mark).With("@now", ToUnixMs(now)).With("@ids", unread).ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        mine.Add(reader.GetInt64(0));
                    }
                }

                var marked = DateTimeOffset.FromUnixTimeMilliseconds(ToUnixMs(now));
                return (IReadOnlyList<NotificationRecord>)[.. found
                    .Where(n => n.DeliveredAt is not null || mine.Contains(n.Id) || !query.UnreadOnly)
                    .Select(n => n.DeliveredAt is null ? n with { DeliveredAt = marked } : n)];
            },
            cancellationToken);
    }


    private static NpgsqlCommand Parameters(NpgsqlCommand command, NotificationQuery query) => command
        .With("@owners", query.Audience.Owners)
        .With("@unowned", query.Audience.IncludeUnowned ? 1 : 0)
        .With("@workflow", query.WorkflowId)
        .With("@unread", query.UnreadOnly ? 1 : 0)
        .With("@limit", query.Limit);

    private static async Task<IReadOnlyList<NotificationRecord>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var found = new List<NotificationRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var source = new NotificationSource(reader.GetString(7), reader.GetStringOrNull(4), reader.GetStringOrNull(10), reader.GetStringOrNull(3),
                reader.GetStringOrNull(11), reader.GetStringOrNull(8), reader.GetStringOrNull(12), reader.GetStringOrNull(9));
            var id = reader.GetInt64(0);
            found.Add(new NotificationRecord(
                id,
                id,
                reader.GetStringOrNull(1),
                reader.GetString(2),
                reader.GetStringOrNull(3),
                reader.GetStringOrNull(4),
                NotificationText.Format(source),
                FromUnixMs(reader.GetInt64(5)),
                reader.GetTimeOrNull(6)));
        }

        return found;
    }
}
