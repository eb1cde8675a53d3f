using Npgsql;

namespace Baton.Storage.Postgres;

/// <summary>One write transaction on a pooled connection, with its outbox and its view of the workflow graph.</summary>
internal sealed class PgSession(NpgsqlConnection connection, NpgsqlTransaction transaction, PostgresDatabase database)
{
    private PostgresEventAppender? events;
    private PostgresWorkflowGraph? graph;

    /// <summary>This transaction's outbox: every event appended here commits with the change it records.</summary>
    public PostgresEventAppender Events => events ??= new PostgresEventAppender(this);

    /// <summary>The workflow graph as the advancer reads and writes it, in this transaction.</summary>
    public PostgresWorkflowGraph Graph => graph ??= new PostgresWorkflowGraph(this);

    public PostgresDatabase Database => database;

    /// <summary>True once this transaction appended an event (or changed what followers wait for): other nodes are told after it commits.</summary>
    public bool Changed { get; set; }

    /// <summary>The events appended in this transaction so far, to be published once it commits.</summary>
    public List<Baton.Core.Events.EventRecord> Appended { get; } = [];

    public NpgsqlCommand Command(string sql) => new(sql, connection, transaction);

    public NpgsqlBatch Batch() => new(connection, transaction);
}
