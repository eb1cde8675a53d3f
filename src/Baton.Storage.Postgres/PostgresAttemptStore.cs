using Baton.Core.Attempts;
using Baton.Core.Events;
using Baton.Core.Runners.Agents;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Npgsql;
using static Baton.Storage.Postgres.PgValues;

namespace Baton.Storage.Postgres;

/// <summary>The worker side of the PostgreSQL store: claims, leases, fenced finishing and rescue.</summary>
internal sealed class PostgresAttemptStore(PostgresDatabase database) : IAttemptStore
{
    private static readonly string Running = TaskState.Running.ToWire();

    /// <inheritdoc />
    public Task<IReadOnlyList<Claim>> ClaimAsync(string workerId, IReadOnlyCollection<string> labels, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken = default) =>
        database.WriteAsync(session => QueueClaims.ClaimAsync(session, workerId, labels, now, leaseUntil, limit, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<DateTimeOffset?> NextDueAtAsync(IReadOnlyCollection<string> labels, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => QueueClaims.NextDueAtAsync(connection, labels, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<bool> RecordProcessAsync(AttemptKey attempt, string workerId, ProcessIdentity process, string logPath, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                var command = session.Command(
                    "UPDATE attempts SET pid = @pid, pid_start_ticks = @ticks, boot_id = @boot, cgroup = @cgroup, log_path = @log WHERE task_seq = (SELECT seq FROM tasks WHERE id = @id) AND number = @n AND status = 'running' AND worker_id = @worker");
                return await command.With("@pid", process.ProcessId).With("@ticks", process.StartTicks).With("@boot", process.BootId)
                    .With("@cgroup", process.Cgroup).With("@log", logPath).With("@id", attempt.TaskId).With("@n", attempt.Number)
                    .With("@worker", workerId).ExecuteNonQueryAsync(cancellationToken) > 0;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> RecordProgressAsync(AttemptKey attempt, string workerId, AgentProgress progress, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                string? step, workflowId, phaseId, owner;
                await using (var reader = await session.Command(
                    """
                    SELECT a.current_step, t.workflow_id, t.phase_id, t.created_by FROM tasks t JOIN attempts a ON a.task_seq = t.seq
                    WHERE t.id = @id AND a.number = @n AND a.status = @running AND a.worker_id = @worker
                    """).With("@id", attempt.TaskId).With("@n", attempt.Number).With("@running", Running).With("@worker", workerId).ExecuteReaderAsync(cancellationToken))
                {
                    if (!await reader.ReadAsync(cancellationToken))
                    {
                        return false; // The attempt ended or moved to another worker: progress from here changes nothing.
                    }

                    (step, workflowId, phaseId, owner) = (reader.GetStringOrNull(0), reader.GetStringOrNull(1), reader.GetStringOrNull(2), reader.GetStringOrNull(3));
                }

                await session.Command(
                        "UPDATE attempts SET session_id = @session, current_step = @step, turns = @turns, api_retries = @retries WHERE task_seq = (SELECT seq FROM tasks WHERE id = @id) AND number = @n")
                    .With("@session", progress.SessionId).With("@step", progress.CurrentStep).With("@turns", progress.Turns)
                    .With("@retries", progress.ApiRetries).With("@id", attempt.TaskId).With("@n", attempt.Number)
                    .ExecuteNonQueryAsync(cancellationToken);
                if (progress.CurrentStep is { } current && current != step)
                {
                    await session.Events.AppendIfAnyAsync(EventRules.ForProgress(attempt.TaskId, workflowId, phaseId, attempt.Number, current, owner, now), cancellationToken);
                }

                return true;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> RecordReportAsync(AttemptKey attempt, AgentReport report, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                string? step, workflowId, phaseId, owner;
                await using (var reader = await session.Command(
                    """
                    SELECT a.reported_step, t.workflow_id, t.phase_id, t.created_by FROM tasks t JOIN attempts a ON a.task_seq = t.seq
                    WHERE t.id = @id AND a.number = @n AND a.status = @running
                    """).With("@id", attempt.TaskId).With("@n", attempt.Number).With("@running", Running).ExecuteReaderAsync(cancellationToken))
                {
                    if (!await reader.ReadAsync(cancellationToken))
                    {
                        return false; // The attempt ended: a late report from its agent changes nothing.
                    }

                    (step, workflowId, phaseId, owner) = (reader.GetStringOrNull(0), reader.GetStringOrNull(1), reader.GetStringOrNull(2), reader.GetStringOrNull(3));
                }

                await session.Command(
                        "UPDATE attempts SET reported_percent = @percent, reported_step = @step, reported_at = @at WHERE task_seq = (SELECT seq FROM tasks WHERE id = @id) AND number = @n AND status = @running")
                    .With("@percent", report.Percent).With("@step", report.Step).With("@at", ToUnixMs(report.At))
                    .With("@id", attempt.TaskId).With("@n", attempt.Number).With("@running", Running)
                    .ExecuteNonQueryAsync(cancellationToken);
                if (report.Step != step)
                {
                    await session.Events.AppendAsync(EventRules.ForProgress(attempt.TaskId, workflowId, phaseId, attempt.Number, report.Step, owner, report.At), cancellationToken);
                }

                return true;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<FinishOutcome> FinishAsync(AttemptFinish finish, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            session => AttemptEnds.MoveTaskAsync(session, finish.Attempt.TaskId, finish.TaskStatus, finish.EndedAt, finish.DueAt,
                finish.TaskStatus == TaskState.Completed ? null : finish.Error, finish.Result, finish.CountsAsFailure ? 1 : 0, rescued: 0,
                StoreJson.Denials(finish.PermissionDenials), finish.Notice, cancellationToken, finish),
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<AttemptKey>> RenewLeasesAsync(string workerId, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            session => ReadKeysAsync(
                session.Command("UPDATE attempts SET lease_expires_at = @lease WHERE worker_id = @worker AND status = 'running' RETURNING task_id, number")
                    .With("@lease", ToUnixMs(leaseUntil)).With("@worker", workerId),
                cancellationToken),
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<RunningAttempt>> FindOtherRunningAttemptsAsync(string workerId, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<RunningAttempt>>(
            async connection =>
            {
                await using var command = Command(
                    connection,
                    """
                    SELECT a.task_id, a.number, a.worker_id, a.lease_expires_at, a.pid, a.pid_start_ticks, a.boot_id, a.cgroup, t.rescue_count
                    FROM attempts a JOIN tasks t ON t.seq = a.task_seq
                    WHERE a.status = 'running' AND a.worker_id <> @worker
                    """).With("@worker", workerId);
                var found = new List<RunningAttempt>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    found.Add(new RunningAttempt(
                        new AttemptKey(reader.GetString(0), reader.GetInt32(1)),
                        reader.GetString(2),
                        reader.GetTimeOrNull(3) ?? DateTimeOffset.MinValue,
                        AttemptRows.ReadProcess(reader, 4),
                        reader.GetInt32(8)));
                }

                return found;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> RescueAsync(AttemptRescue rescue, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                var end = session.Command(
                    """
                    UPDATE attempts SET status = 'interrupted', ended_at = @now, error = @reason, lease_expires_at = NULL
                    WHERE task_seq = (SELECT seq FROM tasks WHERE id = @id) AND number = @n AND status = 'running' AND worker_id = @worker
                    """).With("@now", ToUnixMs(rescue.Now)).With("@reason", rescue.Reason)
                    .With("@id", rescue.Attempt.TaskId).With("@n", rescue.Attempt.Number).With("@worker", rescue.WorkerId);
                if (await end.ExecuteNonQueryAsync(cancellationToken) == 0)
                {
                    return false;
                }

                await AttemptEnds.MoveTaskAsync(session, rescue.Attempt.TaskId, rescue.TaskStatus, rescue.Now, rescue.Now, rescue.TaskError,
                    result: null, failed: 0, rescued: 1, denials: null, notice: null, cancellationToken);
                return true;
            },
            cancellationToken);

    private static async Task<IReadOnlyList<AttemptKey>> ReadKeysAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var keys = new List<AttemptKey>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new AttemptKey(reader.GetString(0), reader.GetInt32(1)));
        }

        return keys;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AttemptInstructions>> FindInstructionsAsync(string workerId, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => InstructionRows.FindAsync(connection, workerId, cancellationToken), cancellationToken);
}
