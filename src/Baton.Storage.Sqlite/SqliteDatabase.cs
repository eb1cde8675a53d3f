using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite;

/// <summary>
/// Opens connections to one database file with Baton's settings and turns SQLite failures into errors a user can
/// act on. Reads use connections pooled by Microsoft.Data.Sqlite. Writes go through one long-lived connection with
/// cached prepared statements, and writers in this process queue per file (<see cref="WriteQueue"/>): SQLite allows
/// one writer at a time, and waiting in its busy handler (sleep and retry) is far slower and less fair than an async
/// queue; the writes queued while one commits share the next commit. Other processes still meet busy_timeout.
/// </summary>
internal sealed class SqliteDatabase : IAsyncDisposable
{
    private readonly SqliteConnectionFactory connections;
    private readonly WriteQueue writes;

    public SqliteDatabase(SqliteStoreOptions options)
    {
        Options = options;
        connections = new SqliteConnectionFactory(options);
        var fullPath = Path.GetFullPath(options.DatabasePath);
        writes = WriteQueue.For(fullPath);
        Commits = CommitSignal.For(fullPath);
    }

    public SqliteStoreOptions Options { get; }

    /// <summary>The events this process committed lately to this file (see <see cref="CommittedEvents"/>).</summary>
    public CommittedEvents Committed => writes.Committed;

    /// <summary>True while a writer of this process holds this file's write queue.</summary>
    public bool IsWriting => writes.Gate.CurrentCount == 0;

    /// <summary>Fires after each commit of any writer in this process to this file.</summary>
    public Core.Events.ChangeSignal Commits { get; }

    /// <summary>Runs <paramref name="work"/> on a pooled connection (for reads), mapping SQLite errors.</summary>
    public async Task<T> RunAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            return await work(connection);
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Translate(ex, Options);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction (BEGIN IMMEDIATE) and returns its result once that
    /// committed. Writes queued meanwhile by this process may share the transaction; an exception from
    /// <paramref name="work"/> undoes only its own changes.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<WriteSession, Task<T>> work, CancellationToken cancellationToken)
    {
        var write = new PendingWrite<T>(work);
        writes.Enqueue(write);
        await CommitOwnAsync(write);
        if (!write.IsCompleted)
        {
            try
            {
                return await write.Result.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && write.TryAbandon())
            {
                throw; // Nobody took it: it never runs.
            }
        }

        return await write.Result;
    }

    /// <summary>
    /// If nobody is writing, commits the queue up to and including <paramref name="own"/>; the caller then goes on
    /// with its result, and what was queued meanwhile is committed by a drain on the thread pool. If somebody is
    /// writing, they (or the drain they leave behind) will commit it: a writer looks at the queue after giving the
    /// gate back, and a write queued after that look finds the gate free. So no write waits with nobody to run it,
    /// and no caller is kept committing everyone else's writes.
    /// </summary>
    private async Task CommitOwnAsync(PendingWrite own)
    {
        if (!writes.Gate.Wait(0))
        {
            return;
        }

        try
        {
            while (!own.IsCompleted)
            {
                var batch = writes.TakeBatch();
                if (batch.Count == 0)
                {
                    break;
                }

                await CommitBatchAsync(batch);
            }
        }
        finally
        {
            writes.Gate.Release();
        }

        if (writes.HasWaiting)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static database => _ = database.CommitAllAsync(), this, preferLocal: false);
        }
    }

    /// <summary>Commits every queued write, batch after batch, while nobody else is writing.</summary>
    private async Task CommitAllAsync()
    {
        while (writes.HasWaiting && writes.Gate.Wait(0))
        {
            try
            {
                for (var batch = writes.TakeBatch(); batch.Count > 0; batch = writes.TakeBatch())
                {
                    await CommitBatchAsync(batch);
                }
            }
            finally
            {
                writes.Gate.Release();
            }
        }
    }

    /// <summary>
    /// Runs the writes in one transaction, each in its own savepoint when there are several. The transaction's own
    /// statements are not cancelled by any one caller: they carry the others' writes too.
    /// </summary>
    private async Task CommitBatchAsync(List<PendingWrite> batch)
    {
        var cancellationToken = CancellationToken.None;
        if (batch.Count == 0)
        {
            return;
        }

        var committed = new List<PendingWrite>(batch.Count);
        try
        {
            var writer = writes.Connection ??= await connections.OpenWriterAsync(cancellationToken);
            await using var transaction = writer.BeginTransaction(deferred: false);
            var session = new WriteSession(writer, transaction, writes);
            foreach (var write in batch)
            {
                var appended = session.Appended.Count;
                if (batch.Count > 1)
                {
                    await session.Command("SAVEPOINT write").ExecuteNonQueryAsync(cancellationToken);
                }

                try
                {
                    await write.RunAsync(session);
                }
                catch (Exception ex) when (ex is not SqliteException && batch.Count > 1)
                {
                    writes.Routes.Forget(); // It may have read subscriptions that the rollback just undid.
                    session.Appended.RemoveRange(appended, session.Appended.Count - appended);
                    await session.Command("ROLLBACK TO write").ExecuteNonQueryAsync(cancellationToken);
                    await session.Command("RELEASE write").ExecuteNonQueryAsync(cancellationToken);
                    write.Fail(ex);
                    continue;
                }
                catch (Exception ex) when (ex is not SqliteException)
                {
                    writes.Routes.Forget();
                    write.Fail(ex);
                    return; // Disposing the transaction rolls it back.
                }

                if (batch.Count > 1)
                {
                    await session.Command("RELEASE write").ExecuteNonQueryAsync(cancellationToken);
                }

                committed.Add(write);
            }

            await transaction.CommitAsync(cancellationToken);
            writes.Committed.Publish(session.Appended);
        }
        catch (SqliteException ex) when (batch.Count > 1 && ex.SqliteErrorCode != SQLitePCL.raw.SQLITE_FULL)
        {
            // One write broke the transaction: start afresh and run each of them alone, so that only the write that
            // fails again reports it.
            writes.Routes.Forget();
            await writes.CloseConnectionAsync();
            foreach (var write in batch.Where(w => !w.IsCompleted))
            {
                await CommitBatchAsync([write]);
            }

            return;
        }
        catch (Exception ex)
        {
            // Nothing committed: every write of the batch gets the error.
            writes.Routes.Forget();
            await writes.CloseConnectionAsync();
            var error = ex is SqliteException sqlite ? SqliteErrors.Translate(sqlite, Options) : ex;
            foreach (var write in batch)
            {
                write.Fail(error);
            }

            return;
        }

        Commits.Notify();
        foreach (var write in committed)
        {
            write.Commit();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await writes.LeaveAsync();
}
