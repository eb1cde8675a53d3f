using Baton.Core.Errors;
using Baton.Core.Events;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using static Baton.Storage.Postgres.PgValues;

namespace Baton.Storage.Postgres;

/// <summary>Context capsules in PostgreSQL (table context_capsules), each saved with its <c>context.saved</c> event in one transaction.</summary>
internal sealed class PostgresCapsuleStore(PostgresDatabase database) : ICapsuleStore
{
    private const string Insert = """
        INSERT INTO context_capsules (id, task_id, attempt_number, session_id, workflow_id, agent, created_at, capsule)
        VALUES (@id, @task, @attempt, @session, @workflow, @agent, @at, @capsule)
        """;

    // Newest first: by time, then by id (time-ordered too) for capsules saved in the same millisecond.
    private const string Newest = "ORDER BY c.created_at DESC, c.id DESC";

    /// <inheritdoc />
    public Task SaveAsync(CapsuleRecord capsule, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                string? phaseId, owner;
                await using (var reader = await session.Command("SELECT phase_id, created_by FROM tasks WHERE id = @id")
                    .With("@id", capsule.TaskId).ExecuteReaderAsync(cancellationToken))
                {
                    if (!await reader.ReadAsync(cancellationToken))
                    {
                        throw new BatonException(ErrorKind.NotFound, $"no task {capsule.TaskId}: a capsule is saved in a task that exists");
                    }

                    (phaseId, owner) = (reader.GetStringOrNull(0), reader.GetStringOrNull(1));
                }

                await session.Command(Insert).With("@id", capsule.Id).With("@task", capsule.TaskId).With("@attempt", capsule.AttemptNumber)
                    .With("@session", capsule.SessionId).With("@workflow", capsule.WorkflowId).With("@agent", capsule.Agent)
                    .With("@at", ToUnixMs(capsule.CreatedAt)).With("@capsule", CapsuleJson.Write(capsule.Capsule))
                    .ExecuteNonQueryAsync(cancellationToken);
                await session.Events.AppendAsync(EventRules.ForContextSaved(capsule, phaseId, owner), cancellationToken);
                return true;
            },
            cancellationToken);

    /// <inheritdoc />
    public async Task<CapsuleRecord?> LatestForTaskAsync(string taskId, CancellationToken cancellationToken = default) =>
        (await ListForTaskAsync(taskId, 1, cancellationToken)).FirstOrDefault();

    /// <inheritdoc />
    public Task<CapsuleRecord?> LatestForSessionAsync(string sessionId, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async connection =>
            {
                await using var command = Command(connection, $"SELECT {CapsuleRows.Columns} FROM context_capsules c WHERE c.session_id = @session {Newest} LIMIT 1")
                    .With("@session", sessionId);
                return (await CapsuleRows.ReadAllAsync(command, cancellationToken)).FirstOrDefault();
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<CapsuleRecord>> LatestForWorkflowAsync(string workflowId, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async connection =>
            {
                // The newest row of each task: DISTINCT ON keeps the first row of each task in this order.
                await using var command = Command(
                    connection,
                    $"""
                    SELECT * FROM (
                        SELECT DISTINCT ON (c.task_id) {CapsuleRows.Columns} FROM context_capsules c
                        WHERE c.workflow_id = @workflow ORDER BY c.task_id, c.created_at DESC, c.id DESC) c
                    {Newest}
                    """).With("@workflow", workflowId);
                return await CapsuleRows.ReadAllAsync(command, cancellationToken);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<CapsuleRecord>> ListForTaskAsync(string taskId, int limit, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async connection =>
            {
                await using var command = Command(connection, $"SELECT {CapsuleRows.Columns} FROM context_capsules c WHERE c.task_id = @task {Newest} LIMIT @limit")
                    .With("@task", taskId).With("@limit", Math.Max(0, limit));
                return await CapsuleRows.ReadAllAsync(command, cancellationToken);
            },
            cancellationToken);
}
