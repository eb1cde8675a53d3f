using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite;

/// <summary>
/// One write transaction on the store's long-lived writer connection. Its commands are prepared once per SQL text
/// and reused (preparing costs more than running most of Baton's statements); callers must not dispose them.
/// </summary>
internal sealed class WriteSession(
    SqliteConnection connection, SqliteTransaction transaction, Dictionary<string, SqliteCommand> statements, WebhookRoutes routes)
{
    private SqliteEventAppender? events;
    private SqliteWorkflowGraph? graph;

    /// <summary>This transaction's outbox: every event appended here commits with the change it records.</summary>
    public SqliteEventAppender Events => events ??= new SqliteEventAppender(this);

    /// <summary>The workflow graph as the advancer reads and writes it, in this transaction.</summary>
    public SqliteWorkflowGraph Graph => graph ??= new SqliteWorkflowGraph(this);

    /// <summary>The file's webhook subscriptions, for routing this transaction's events.</summary>
    public WebhookRoutes Routes { get; } = routes;

    public SqliteCommand Command(string sql)
    {
        if (!statements.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            statements[sql] = command;
        }

        command.Transaction = transaction;
        command.Parameters.Clear();
        return command;
    }
}
