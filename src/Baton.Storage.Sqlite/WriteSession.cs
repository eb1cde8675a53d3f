using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite;

/// <summary>
/// One write transaction on the store's long-lived writer connection. Its commands are prepared once per SQL text
/// and reused (preparing costs more than running most of Baton's statements); callers must not dispose them.
/// </summary>
internal sealed class WriteSession(SqliteConnection connection, SqliteTransaction transaction, WriteQueue queue)
{
    private SqliteEventAppender? events;
    private SqliteWorkflowGraph? graph;

    /// <summary>This transaction's outbox: every event appended here commits with the change it records.</summary>
    public SqliteEventAppender Events => events ??= new SqliteEventAppender(this);

    /// <summary>The workflow graph as the advancer reads and writes it, in this transaction.</summary>
    public SqliteWorkflowGraph Graph => graph ??= new SqliteWorkflowGraph(this);

    /// <summary>The events appended in this transaction so far, to be published once it commits.</summary>
    public List<Baton.Core.Events.EventRecord> Appended { get; } = [];

    /// <summary>The file's webhook subscriptions, for routing this transaction's events.</summary>
    public WebhookRoutes Routes => queue.Routes;

    public SqliteCommand Command(string sql)
    {
        if (!queue.Statements.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            queue.Statements[sql] = command;
        }

        command.Transaction = transaction;
        command.Parameters.Clear();
        return command;
    }

    /// <summary>A statement bound by position, for the inserts every change makes; prepared once per connection.</summary>
    public RawStatement Raw(string sql)
    {
        if (!queue.RawStatements.TryGetValue(sql, out var statement))
        {
            statement = RawStatement.Prepare(connection, sql);
            queue.RawStatements[sql] = statement;
        }

        return statement;
    }
}
