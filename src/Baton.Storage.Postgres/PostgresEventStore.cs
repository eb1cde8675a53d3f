using Baton.Core.Events;
using Baton.Core.Storage;
using static Baton.Storage.Postgres.PgValues;

namespace Baton.Storage.Postgres;

/// <summary>
/// The event log in PostgreSQL. Every write appends the events Core decided for it through its transaction's
/// <see cref="PostgresEventAppender"/>; this class reads the log, appends milestones and prunes.
/// </summary>
internal sealed class PostgresEventStore(PostgresDatabase database) : IEventStore
{


    /// <inheritdoc />
    public Task<IReadOnlyList<EventRecord>> ReadAsync(EventQuery query, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async connection =>
            {
                // Task and workflow filters are applied here; type patterns (with families) in memory, over a page
                // that is read until it holds enough matches or the log ends. Never past the horizon: an event
                // still to commit below a visible one would be passed for good.
                var filter = query.Filter;
                var found = new List<EventRecord>();
                var after = query.AfterId;
                var page = filter.Types is { Count: > 0 } ? Math.Max(query.Limit, 500) : query.Limit;
                while (found.Count < query.Limit)
                {
                    var horizon = await database.Horizon.AfterAsync(connection, after, cancellationToken);
                    if (horizon <= after)
                    {
                        break;
                    }

                    await using var command = Command(
                        connection,
                        $"""
                        SELECT {EventRows.Columns} FROM events
                        WHERE id > @after AND id <= @horizon AND (@task IS NULL OR task_id = @task) AND (@workflow IS NULL OR workflow_id = @workflow)
                        ORDER BY id LIMIT @limit
                        """).With("@after", after).With("@horizon", horizon).With("@task", filter.TaskId).With("@workflow", filter.WorkflowId).With("@limit", page);
                    var rows = await EventRows.ReadAllAsync(command, cancellationToken);
                    found.AddRange(rows.Where(filter.Matches).Take(query.Limit - found.Count));
                    // A short page read everything up to the horizon: go on from there.
                    after = rows.Count < page ? horizon : rows[^1].Id;
                }

                return (IReadOnlyList<EventRecord>)found;
            },
            cancellationToken);

    /// <inheritdoc />
    public RecentEvents? ReadRecent(long afterId, EventFilter filter, int limit) => database.Committed.Read(afterId, filter, limit);

    /// <inheritdoc />
    public Task<long> LatestIdAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => database.Horizon.LatestAsync(connection, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<EventRecord?> AppendMilestoneAsync(string? taskId, string? workflowId, string message, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                string? task = null, workflow = null, phase = null, owner = null;
                if (taskId is not null)
                {
                    await using var reader = await session.Command("SELECT id, workflow_id, phase_id, created_by FROM tasks WHERE id = @id").With("@id", taskId).ExecuteReaderAsync(cancellationToken);
                    if (!await reader.ReadAsync(cancellationToken))
                    {
                        return null;
                    }

                    (task, workflow, phase, owner) = (reader.GetString(0), reader.GetStringOrNull(1), reader.GetStringOrNull(2), reader.GetStringOrNull(3));
                }

                if (workflowId is not null)
                {
                    await using var reader = await session.Command("SELECT id, created_by FROM workflows WHERE id = @id").With("@id", workflowId).ExecuteReaderAsync(cancellationToken);
                    if (!await reader.ReadAsync(cancellationToken))
                    {
                        return null;
                    }

                    // A task's milestone belongs to its workflow and phase too, so that workflow filters see it.
                    workflow ??= reader.GetString(0);
                    owner ??= reader.GetStringOrNull(1);
                }

                var draft = EventRules.ForMilestone(task, workflow, phase, message, owner, at);
                var id = await session.Events.AppendAsync(draft, cancellationToken);
                return new EventRecord(id, draft.Type, FromUnixMs(ToUnixMs(at)), draft.TaskId, draft.WorkflowId, draft.PhaseId, null, null, null, draft.Message);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<int> PruneAsync(DateTimeOffset before, int batch, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                // Oldest first by id (no index on time needed: ids follow time). Events a delivery still waits
                // for stay until it ends; their read marks and finished deliveries go with them. The newest event
                // always stays, as in every store (ids come from a sequence here, so it is not needed for them, but readers see the same log).
                const string Prunable =
                    "SELECT id FROM events WHERE id <= @last AND id < (SELECT max(id) FROM events) AND at < @before AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = events.id AND d.status = 'pending')";
                var last = await session.Command(
                    """
                    SELECT max(id) FROM (SELECT id FROM events WHERE at < @before AND id < (SELECT max(id) FROM events)
                        AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = events.id AND d.status = 'pending')
                        ORDER BY id LIMIT @batch) AS oldest
                    """).With("@before", ToUnixMs(before)).With("@batch", batch).ExecuteScalarAsync(cancellationToken);
                if (last is not long lastId)
                {
                    return 0;
                }

                foreach (var sql in new[]
                {
                    $"DELETE FROM webhook_attempts WHERE delivery_seq IN (SELECT seq FROM webhook_deliveries WHERE event_id IN ({Prunable}))",
                    $"DELETE FROM webhook_deliveries WHERE event_id IN ({Prunable})",
                    $"DELETE FROM notification_reads WHERE event_id IN ({Prunable})",
                })
                {
                    await session.Command(sql).With("@last", lastId).With("@before", ToUnixMs(before)).ExecuteNonQueryAsync(cancellationToken);
                }

                return await session.Command($"DELETE FROM events WHERE id IN ({Prunable})")
                    .With("@last", lastId).With("@before", ToUnixMs(before)).ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);

    /// <inheritdoc />
    public IChangeSignal Changes => database.Changes;

}
