using Baton.Core.Initiatives;
using Baton.Core.Storage;
using Npgsql;
using static Baton.Storage.Postgres.PgValues;

namespace Baton.Storage.Postgres;

/// <summary>Initiatives in PostgreSQL (table initiatives).</summary>
internal sealed class PostgresInitiativeStore(PostgresDatabase database) : IInitiativeStore
{
    private const string Columns = "id, definition, workflow_id, created_at, created_by, archived_at";

    /// <inheritdoc />
    public Task<bool> AddAsync(InitiativeRecord initiative, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session => await session.Command(
                """
                INSERT INTO initiatives (id, name, definition, workflow_id, created_at, created_by, archived_at)
                VALUES (@id, @name, @definition, @workflow, @created, @by, @archived) ON CONFLICT DO NOTHING
                """).With("@id", initiative.Id).With("@name", initiative.Name).With("@definition", InitiativeJson.Write(initiative.Definition))
                .With("@workflow", initiative.WorkflowId).With("@created", ToUnixMs(initiative.CreatedAt)).With("@by", initiative.CreatedBy)
                .With("@archived", ToUnixMs(initiative.ArchivedAt))
                .ExecuteNonQueryAsync(cancellationToken) == 1,
            cancellationToken);

    /// <inheritdoc />
    public Task<InitiativeRecord?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async connection => (await ReadAsync(Command(connection, $"SELECT {Columns} FROM initiatives WHERE id = @id").With("@id", id), cancellationToken)).FirstOrDefault(),
            cancellationToken);

    /// <inheritdoc />
    public Task<InitiativeRecord?> GetByNameAsync(string name, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async connection => (await ReadAsync(Command(connection, $"SELECT {Columns} FROM initiatives WHERE name = @name").With("@name", name), cancellationToken)).FirstOrDefault(),
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<InitiativeRecord>> ListAsync(bool includeArchived, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<InitiativeRecord>>(
            async connection => await ReadAsync(
                Command(connection, $"SELECT {Columns} FROM initiatives {(includeArchived ? string.Empty : "WHERE archived_at IS NULL ")}ORDER BY created_at DESC, id DESC"),
                cancellationToken),
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> UpdateDefinitionAsync(string id, InitiativeDefinition definition, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session => await session.Command("UPDATE initiatives SET definition = @definition WHERE id = @id AND workflow_id IS NULL")
                .With("@id", id).With("@definition", InitiativeJson.Write(definition)).ExecuteNonQueryAsync(cancellationToken) == 1,
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> SetWorkflowAsync(string id, string workflowId, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session => await session.Command(
                "UPDATE initiatives SET workflow_id = @workflow WHERE id = @id AND (workflow_id IS NULL OR workflow_id = @workflow)")
                .With("@id", id).With("@workflow", workflowId).ExecuteNonQueryAsync(cancellationToken) == 1,
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> SetArchivedAsync(string id, DateTimeOffset? archivedAt, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session => await session.Command("UPDATE initiatives SET archived_at = @archived WHERE id = @id")
                .With("@id", id).With("@archived", ToUnixMs(archivedAt)).ExecuteNonQueryAsync(cancellationToken) == 1,
            cancellationToken);

    private static async Task<List<InitiativeRecord>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var owned = command;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var initiatives = new List<InitiativeRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            initiatives.Add(new InitiativeRecord(
                reader.GetString(0), InitiativeJson.Read(reader.GetString(1)), reader.GetStringOrNull(2), FromUnixMs(reader.GetInt64(3)),
                reader.GetStringOrNull(4), reader.GetTimeOrNull(5)));
        }

        return initiatives;
    }
}
