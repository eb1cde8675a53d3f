using System.Collections.Concurrent;

namespace Baton.Storage.Sqlite;

/// <summary>
/// The writes of this process to one database file, waiting for the writer. Whoever holds the gate commits every
/// write queued so far in one transaction (group commit), each in a savepoint of its own, so that one write's error
/// rolls back only that write. A commit writes each changed page once however many writes it carries, which is
/// where a queue's throughput goes: with a producer and several workers writing at once, their claims, finishes and
/// enqueues share commits instead of queuing for one each. A write alone is a transaction alone, as before.
/// </summary>
internal sealed class WriteQueue
{
    /// <summary>At most this many writes share one transaction, so a burst cannot hold the lock for long.</summary>
    public const int MaxBatch = 64;

    private static readonly ConcurrentDictionary<string, WriteQueue> Queues = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<PendingWrite> waiting = new();

    /// <summary>The queue of the database file at <paramref name="fullPath"/>.</summary>
    public static WriteQueue For(string fullPath) => Queues.GetOrAdd(fullPath, _ => new WriteQueue());

    /// <summary>Held by the one writer of this file in this process.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

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
