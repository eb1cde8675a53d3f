using Baton.Core.Access;
using Baton.Core.Attempts;
using Baton.Core.Events;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Workflows;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>The task side of the SQLite store: queuing, reading, listing, cancel and manual retry.</summary>
public sealed class SqliteTaskStore : ITaskStore, IAsyncDisposable
{
    private const string NotRunError = "cancelled before it ran";
    private static readonly string CancellableNow = SourcesOf(TaskState.Cancelled);
    private static readonly string Cancelled = TaskState.Cancelled.ToWire();
    private readonly SqliteDatabase database;

    /// <summary>Creates the store over the database file in <paramref name="options"/>.</summary>
    public SqliteTaskStore(SqliteStoreOptions options) => database = new SqliteDatabase(options);

    internal SqliteTaskStore(SqliteDatabase database) => this.database = database;

    /// <inheritdoc />
    public Task<EnqueueResult> EnqueueAsync(string id, TaskDefinition definition, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                if (definition.IdempotencyKey is { } key)
                {
                    var find = session.Command($"SELECT {TaskRows.Columns} FROM tasks WHERE idempotency_key = $key").With("$key", key);
                    if (await TaskRows.ReadOneAsync(find, cancellationToken) is { } existing)
                    {
                        return new EnqueueResult(existing, Created: false);
                    }
                }

                var task = await TaskRows.InsertAsync(session, id, definition, now, blocked: definition.DependsOn.Count > 0, cancellationToken);
                if (task.Blocked)
                {
                    // Its dependencies may have ended already: release it (or cancel it) at once.
                    await WorkflowAdvancer.AdvanceAsync(session.Graph, [id], now, cancellationToken);
                    task = await TaskRows.GetAsync(session, id, cancellationToken) ?? task;
                }

                return new EnqueueResult(task, Created: true);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<TaskRecord?> GetTaskAsync(string id, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => TaskRows.GetAsync(connection, id, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> FindIdsByPrefixAsync(string prefix, int limit, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => IdPrefixes.FindAsync(connection, "tasks", prefix, limit, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(string taskId, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<AttemptRecord>>(
            async connection =>
            {
                await using var command = Command(connection, $"SELECT {AttemptRows.Columns} FROM attempts WHERE task_seq = (SELECT seq FROM tasks WHERE id = $id) ORDER BY number").With("$id", taskId);
                var attempts = new List<AttemptRecord>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    attempts.Add(AttemptRows.Read(reader));
                }

                return attempts;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<TaskRecord>> ListTasksAsync(TaskQuery query, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => TaskListing.ReadAsync(connection, query, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<AgentRunStats>> AgentStatsAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => AgentStatsQuery.ReadAsync(connection, since, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<TaskStatsGroup>> TaskStatsAsync(DateTimeOffset since, DateTimeOffset now, StatsGrouping by, CancellationToken cancellationToken = default)
    {
        // Days that ended more than a day ago are rolled up once, for every later query; a read-only store reads
        // the days it could not seal from the tasks.
        var window = StatsWindow.Of(since, now);
        if (!database.Options.ReadOnly)
        {
            await SealDaysAsync(window, cancellationToken);
        }

        return await database.RunAsync(connection => TaskStatsQuery.ReadAsync(connection, window, by, cancellationToken), cancellationToken);
    }

    /// <summary>Rolls up the whole days of <paramref name="window"/> that are over and not rolled up yet, one write each; how many.</summary>
    internal async Task<int> SealDaysAsync(StatsWindow window, CancellationToken cancellationToken)
    {
        if (!window.SealableDays)
        {
            return 0;
        }

        var unsealed = await database.RunAsync(c => TaskRollups.UnsealedAsync(c, window.FirstFullDay, window.LastSealableDay, cancellationToken), cancellationToken);
        foreach (var day in unsealed)
        {
            await database.WriteAsync(async session => { await TaskRollups.SealAsync(session, day, cancellationToken); return day; }, cancellationToken);
        }

        return unsealed.Count;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<TaskFailureGroup>> FailureGroupsAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => FailureGroupsQuery.ReadAsync(connection, since, limit, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<CancelResult> CancelAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                var task = await TaskRows.GetAsync(session, id, cancellationToken);
                if (task is null)
                {
                    return new CancelResult(CancelOutcome.NotFound, null);
                }

                if (task.Status.IsTerminal())
                {
                    return new CancelResult(CancelOutcome.AlreadyEnded, task);
                }

                // An agent waiting for a person still runs under its worker, which stops it.
                var running = task.Status is TaskState.Running or TaskState.InputRequired;
                var sql = running
                    ? "UPDATE tasks SET cancel_requested = 1, updated_at = $now WHERE id = $id AND status IN ('running', 'input_required')"
                    : $"UPDATE tasks SET status = '{Cancelled}', blocked = 0, error = '{NotRunError}', completed_at = $now, updated_at = $now WHERE id = $id AND status IN ({CancellableNow})";
                var update = session.Command(sql).With("$id", id).With("$now", ToUnixMs(now));
                var changed = await update.ExecuteNonQueryAsync(cancellationToken);
                if (!running && changed == 1)
                {
                    await session.Events.AppendIfAnyAsync(EventRules.ForTask(TaskRows.Change(task, TaskState.Cancelled, NotRunError, now)), cancellationToken);
                    await InteractionRows.WithdrawForTaskAsync(session, id, TaskState.Cancelled, now, cancellationToken);
                }

                if (!running)
                {
                    await WorkflowAdvancer.AdvanceAsync(session.Graph, [id], now, cancellationToken);
                }

                var after = await TaskRows.GetAsync(session, id, cancellationToken);
                return new CancelResult(running ? CancelOutcome.Requested : CancelOutcome.Cancelled, after);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<RequeueResult> ContinueAsync(string id, string followUp, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(session => TaskRequeues.ContinueAsync(session, id, followUp, now, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<RequeueResult> RequeueAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(session => TaskRequeues.RequeueAsync(session, id, now, cancellationToken), cancellationToken);

    /// <summary>Closes the store's writer connection.</summary>
    public ValueTask DisposeAsync() => database.DisposeAsync();

    /// <inheritdoc />
    public Task<TaskChangeResult> PauseAsync(string id, string? reason, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(session => TaskControls.PauseAsync(session, id, reason, now, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<TaskChangeResult> ResumeAsync(string id, string? message, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(session => TaskControls.ResumeAsync(session, id, message, now, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<TaskChangeResult> SetPriorityAsync(string id, TaskPriority priority, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(session => TaskControls.SetPriorityAsync(session, id, priority, now, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<bool> SetBudgetAsync(string id, decimal budgetUsd, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session => await session.Command("UPDATE tasks SET budget_usd = $budget, updated_at = $now WHERE id = $id")
                .With("$id", id).With("$now", ToUnixMs(now)).With("$budget", budgetUsd.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .ExecuteNonQueryAsync(cancellationToken) > 0,
            cancellationToken);
}
