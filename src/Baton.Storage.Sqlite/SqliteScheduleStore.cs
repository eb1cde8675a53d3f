using Baton.Core.Events;
using Baton.Core.Schedules;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Microsoft.Data.Sqlite;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>Schedules in SQLite (tables schedules and schedule_occurrences).</summary>
public sealed class SqliteScheduleStore : IScheduleStore, IAsyncDisposable
{
    private const string Columns = "name, spec, created_at, created_by, paused, pause_note, next_at, buffered_at, failure_streak";
    private const string OccurrenceColumns = "o.schedule_name, o.planned_at, o.outcome, o.reason, o.task_id, o.recorded_at, t.status, o.workflow_id, w.status";
    private readonly SqliteDatabase database;

    /// <summary>Creates the store over the database file in <paramref name="options"/>.</summary>
    public SqliteScheduleStore(SqliteStoreOptions options) => database = new SqliteDatabase(options);

    /// <inheritdoc />
    public Task<bool> AddAsync(ScheduleRecord schedule, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session => await session.Command(
                """
                INSERT INTO schedules (name, spec, created_at, created_by, paused, pause_note, next_at, buffered_at, failure_streak)
                VALUES ($name, $spec, $created, $by, $paused, $note, $next, $buffered, $streak) ON CONFLICT (name) DO NOTHING
                """).With("$name", schedule.Name).With("$spec", ScheduleJson.Write(schedule.Definition.Spec))
                .With("$created", ToUnixMs(schedule.CreatedAt)).With("$by", schedule.CreatedBy)
                .With("$paused", schedule.State.Paused ? 1 : 0).With("$note", schedule.State.PauseNote)
                .With("$next", Db(schedule.State.NextAt)).With("$buffered", Db(schedule.State.BufferedAt)).With("$streak", schedule.State.FailureStreak)
                .ExecuteNonQueryAsync(cancellationToken) == 1,
            cancellationToken);

    /// <inheritdoc />
    public Task<ScheduleRecord?> GetAsync(string name, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async connection => (await ReadAsync(Command(connection, $"SELECT {Columns} FROM schedules WHERE name = $name").With("$name", name), cancellationToken)).FirstOrDefault(),
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ScheduleRecord>> ListAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<ScheduleRecord>>(
            async connection => await ReadAsync(Command(connection, $"SELECT {Columns} FROM schedules ORDER BY name"), cancellationToken),
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> RemoveAsync(string name, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                await session.Command("DELETE FROM schedule_occurrences WHERE schedule_name = $name").With("$name", name).ExecuteNonQueryAsync(cancellationToken);
                return await session.Command("DELETE FROM schedules WHERE name = $name").With("$name", name).ExecuteNonQueryAsync(cancellationToken) == 1;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<ScheduleRecord?> SetPausedAsync(string name, bool paused, string? note, DateTimeOffset? nextAt, EventDraft? pausedEvent, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                var update = paused
                    ? session.Command("UPDATE schedules SET paused = 1, pause_note = $note WHERE name = $name")
                    : session.Command("UPDATE schedules SET paused = 0, pause_note = NULL, next_at = $next, buffered_at = NULL, failure_streak = 0 WHERE name = $name");
                if (await update.With("$name", name).With("$note", note).With("$next", Db(nextAt)).ExecuteNonQueryAsync(cancellationToken) == 0)
                {
                    return null;
                }

                if (pausedEvent is not null)
                {
                    await session.Events.AppendAsync(pausedEvent, cancellationToken);
                }

                return (await ReadAsync(session.Command($"SELECT {Columns} FROM schedules WHERE name = $name").With("$name", name), cancellationToken)).FirstOrDefault();
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> RecordAsync(
        OccurrenceRecord occurrence, TaskDefinition? task, ScheduleState state, EventDraft occurrenceEvent, bool manual, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                var inserted = await session.Command(
                    """
                    INSERT INTO schedule_occurrences (schedule_name, planned_at, outcome, reason, task_id, recorded_at, workflow_id)
                    SELECT name, $planned, $outcome, $reason, $task, $now, $workflow FROM schedules WHERE name = $name AND (paused = 0 OR $manual = 1)
                    ON CONFLICT (schedule_name, planned_at) DO NOTHING
                    """).With("$name", occurrence.Schedule).With("$planned", ToUnixMs(occurrence.PlannedAt))
                    .With("$outcome", occurrence.Outcome.ToWire()).With("$reason", occurrence.Reason).With("$task", occurrence.TaskId).With("$workflow", occurrence.WorkflowId)
                    .With("$now", ToUnixMs(occurrence.RecordedAt)).With("$manual", manual ? 1 : 0).ExecuteNonQueryAsync(cancellationToken);
                if (inserted == 0)
                {
                    return false;
                }

                if (task is not null && occurrence.TaskId is { } taskId)
                {
                    await TaskRows.InsertAsync(session, taskId, task, occurrence.RecordedAt, blocked: false, cancellationToken);
                }

                if (manual)
                {
                    // A trigger by hand stands beside the plan: the scheduler's position is left as it is.
                    await session.Events.AppendAsync(occurrenceEvent, cancellationToken);
                    return true;
                }

                await session.Command("UPDATE schedules SET next_at = $next, buffered_at = $buffered, failure_streak = $streak WHERE name = $name")
                    .With("$name", occurrence.Schedule).With("$next", Db(state.NextAt)).With("$buffered", Db(state.BufferedAt)).With("$streak", state.FailureStreak)
                    .ExecuteNonQueryAsync(cancellationToken);
                await session.Events.AppendAsync(occurrenceEvent, cancellationToken);
                return true;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task SaveProgressAsync(string name, DateTimeOffset? nextAt, DateTimeOffset? bufferedAt, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session => await session.Command("UPDATE schedules SET next_at = $next, buffered_at = $buffered WHERE name = $name")
                .With("$name", name).With("$next", Db(nextAt)).With("$buffered", Db(bufferedAt)).ExecuteNonQueryAsync(cancellationToken),
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<OccurrenceRecord>> HistoryAsync(string name, int limit, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<OccurrenceRecord>>(
            async connection => await ReadOccurrencesAsync(
                Command(connection, $"SELECT {OccurrenceColumns} FROM schedule_occurrences o LEFT JOIN tasks t ON t.id = o.task_id LEFT JOIN workflows w ON w.id = o.workflow_id WHERE o.schedule_name = $name ORDER BY o.planned_at DESC LIMIT $limit")
                    .With("$name", name).With("$limit", limit),
                cancellationToken),
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<OccurrenceRecord>> UnsettledAsync(string name, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<OccurrenceRecord>>(
            async connection => await ReadOccurrencesAsync(
                Command(connection, $"SELECT {OccurrenceColumns} FROM schedule_occurrences o LEFT JOIN tasks t ON t.id = o.task_id LEFT JOIN workflows w ON w.id = o.workflow_id WHERE o.schedule_name = $name AND o.outcome = 'fired' AND o.settled = 0 ORDER BY o.planned_at")
                    .With("$name", name),
                cancellationToken),
            cancellationToken);

    /// <inheritdoc />
    public Task SettleAsync(
        string name, IReadOnlyList<DateTimeOffset> plannedAt, int failureStreak, string? pauseNote, EventDraft? pausedEvent, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                foreach (var at in plannedAt)
                {
                    await session.Command("UPDATE schedule_occurrences SET settled = 1 WHERE schedule_name = $name AND planned_at = $planned")
                        .With("$name", name).With("$planned", ToUnixMs(at)).ExecuteNonQueryAsync(cancellationToken);
                }

                var update = pauseNote is null
                    ? session.Command("UPDATE schedules SET failure_streak = $streak WHERE name = $name")
                    : session.Command("UPDATE schedules SET failure_streak = $streak, paused = 1, pause_note = $note WHERE name = $name AND paused = 0");
                var paused = await update.With("$name", name).With("$streak", failureStreak).With("$note", pauseNote).ExecuteNonQueryAsync(cancellationToken);
                if (pauseNote is not null && paused == 1 && pausedEvent is not null)
                {
                    await session.Events.AppendAsync(pausedEvent, cancellationToken);
                }

                return 0;
            },
            cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => database.DisposeAsync();

    private static async Task<List<ScheduleRecord>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var owned = command;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var schedules = new List<ScheduleRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var state = new ScheduleState(reader.GetInt64(4) != 0, reader.GetStringOrNull(5), reader.GetTimeOrNull(6), reader.GetTimeOrNull(7), reader.GetInt32(8));
            schedules.Add(ScheduleJson.Read(reader.GetString(1), FromUnixMs(reader.GetInt64(2)), reader.GetStringOrNull(3), state));
        }

        return schedules;
    }

    private static async Task<IReadOnlyList<OccurrenceRecord>> ReadOccurrencesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var owned = command;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var occurrences = new List<OccurrenceRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            occurrences.Add(new OccurrenceRecord(
                reader.GetString(0), FromUnixMs(reader.GetInt64(1)), OccurrenceOutcomes.Parse(reader.GetString(2)), reader.GetStringOrNull(3),
                reader.GetStringOrNull(4), FromUnixMs(reader.GetInt64(5)), reader.GetStringOrNull(6),
                reader.GetStringOrNull(7), reader.GetStringOrNull(8)));
        }

        return occurrences;
    }
}
