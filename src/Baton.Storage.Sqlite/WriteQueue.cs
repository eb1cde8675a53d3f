using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite;

/// <summary>
/// The writes of this process to one database file, and the one connection they are written through. A writer that
/// finds nobody writing commits every write queued so far in one transaction (group commit), each in a savepoint of
/// its own, so that one write's error rolls back only that write; the others just wait for their result. A commit
/// writes each changed page once however many writes it carries, which is where a queue's throughput goes: with a
/// producer and several workers writing at once, their claims, finishes and enqueues share commits instead of
/// queuing for one each. One connection for every store of the file keeps its page cache warm and its statements
/// prepared once. A write alone is a transaction alone, as before.
/// </summary>
internal sealed class WriteQueue
{
    /// <summary>At most this many writes share one transaction, so a burst cannot hold the lock for long.</summary>
    public const int MaxBatch = 64;

    private static readonly ConcurrentDictionary<string, WriteQueue> Queues = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<PendingWrite> waiting = new();

    /// <summary>The queue of the database file at <paramref name="fullPath"/>, joined as one more user.</summary>
    public static WriteQueue For(string fullPath) => Queues.GetOrAdd(fullPath, _ => new WriteQueue()).Join();

    private int users;

    /// <summary>Held by the one writer of this file in this process, while it commits.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>The writer connection, opened by the first write and closed when its last user goes; only the gate's holder touches it.</summary>
    public SqliteConnection? Connection { get; set; }

    /// <summary>The connection's prepared statements, by SQL text.</summary>
    public Dictionary<string, SqliteCommand> Statements { get; } = new(StringComparer.Ordinal);

    /// <summary>The connection's statements bound by position (see <see cref="RawStatement"/>), by SQL text.</summary>
    public Dictionary<string, RawStatement> RawStatements { get; } = new(StringComparer.Ordinal);

    /// <summary>The file's webhook subscriptions, for routing the events its transactions append.</summary>
    public WebhookRoutes Routes { get; } = new();

    /// <summary>The events this process committed lately, for followers of the log in this process.</summary>
    public CommittedEvents Committed { get; } = new();

    /// <summary>True if writes wait that nobody has taken yet.</summary>
    public bool HasWaiting => !waiting.IsEmpty;

    /// <summary>Counts a user of the connection (a store over this file); see <see cref="LeaveAsync"/>.</summary>
    public WriteQueue Join()
    {
        Interlocked.Increment(ref users);
        return this;
    }

    /// <summary>A user goes; the last one closes the connection, once no write runs on it.</summary>
    public async Task LeaveAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (Interlocked.Decrement(ref users) == 0)
            {
                await CloseConnectionAsync();
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Closes the connection and its statements; the next write opens a fresh one. Only the gate's holder calls it.</summary>
    public async Task CloseConnectionAsync()
    {
        foreach (var statement in Statements.Values)
        {
            await statement.DisposeAsync();
        }

        Statements.Clear();
        foreach (var statement in RawStatements.Values)
        {
            statement.Dispose();
        }

        RawStatements.Clear();
        Committed.Clear();
        if (Connection is not null)
        {
            await Connection.DisposeAsync();
            Connection = null;
        }
    }

    public void Enqueue(PendingWrite write) => waiting.Enqueue(write);

    /// <summary>Takes up to <see cref="MaxBatch"/> writes whose callers still wait, oldest first.</summary>
    public List<PendingWrite> TakeBatch()
    {
        var batch = new List<PendingWrite>();
        while (batch.Count < MaxBatch && waiting.TryDequeue(out var write))
        {
            if (write.TryTake())
            {
                batch.Add(write);
            }
        }

        return batch;
    }
}
