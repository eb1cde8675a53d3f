using Npgsql;

namespace Baton.Storage.Postgres;

/// <summary>One write transaction on a pooled connection, with its outbox and its view of the workflow graph.</summary>
internal sealed class PgSession(NpgsqlConnection connection, NpgsqlTransaction transaction, PostgresDatabase database)
{
    private PostgresEventAppender? events;
    private PostgresWorkflowGraph? graph;
    private List<NpgsqlBatchCommand> deferred = [];

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

    /// <summary>
    /// Sends <paramref name="command"/> with the events just before the commit, in the same round trip, instead of
    /// now: only for a write whose outcome nothing later in the transaction reads or depends on.
    /// </summary>
    public void Defer(NpgsqlCommand command)
    {
        var later = new NpgsqlBatchCommand(command.CommandText);
        var parameters = command.Parameters.ToArray();
        command.Parameters.Clear();
        later.Parameters.AddRange(parameters);
        command.Dispose();
        deferred.Add(later);
    }

    /// <summary>The deferred writes, to be sent now; none is left.</summary>
    public List<NpgsqlBatchCommand> TakeDeferred()
    {
        var taken = deferred;
        deferred = [];
        return taken;
    }

    /// <summary>
    /// True once the commit may have reached the server (so a lost connection leaves it unknown whether it committed);
    /// false again where the server's error proves it did not run.
    /// </summary>
    public bool CommitSent { get; set; }

    /// <summary>Commits with the deferred writes and the waiting events, in one round trip where it can.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (!await Events.CommitAsync(cancellationToken))
        {
            CommitSent = true;
            await transaction.CommitAsync(cancellationToken);
        }
    }

    public NpgsqlBatch Batch() => new(connection, transaction);
}
