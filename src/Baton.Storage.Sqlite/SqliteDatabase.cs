using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Baton.Core.Errors;
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
    // Pooled connections keep their settings; configure each physical connection once, not on every open.
    private static readonly ConditionalWeakTable<object, object> Configured = [];

    private readonly string connectionString;
    private readonly string pragmas;
    private readonly WriteQueue writes;

    public SqliteDatabase(SqliteStoreOptions options)
    {
        Options = options;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.ReadOnly ? ReadOnlySource(options.DatabasePath) : options.DatabasePath,
            Mode = options.ReadOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            // Whole seconds only; SQLite's own busy_timeout below holds the precise wait.
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        var fullPath = Path.GetFullPath(options.DatabasePath);
        writes = WriteQueue.For(fullPath);
        Commits = CommitSignal.For(fullPath);
        // temp_store: statement journals (kept for statements that fire triggers, such as a task's end unsealing its
        // statistics day) and sorts stay in memory; on files each would be a file created, written and removed.
        pragmas = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA synchronous = {(options.SynchronousFull ? "FULL" : "NORMAL")}; PRAGMA busy_timeout = {(int)options.BusyTimeout.TotalMilliseconds}; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;");
    }

    public SqliteStoreOptions Options { get; }

    /// <summary>
    /// Reading a WAL database needs its shared-memory file (-shm), which a folder that may not be written cannot get.
    /// When no -shm exists and the write-ahead log holds nothing (a clean shutdown), the database file alone is the
    /// whole truth, and SQLite may read it as immutable, without -shm; otherwise the existing files are used.
    /// </summary>
    private static string ReadOnlySource(string path)
    {
        var wal = new FileInfo(path + "-wal");
        return File.Exists(path + "-shm") || (wal.Exists && wal.Length > 0)
            ? path
            : new Uri(Path.GetFullPath(path)).AbsoluteUri + "?immutable=1";
    }

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
            await using var connection = await OpenAsync(cancellationToken);
            return await work(connection);
        }
        catch (SqliteException ex)
        {
            throw Translate(ex);
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
            var writer = writes.Connection ??= await OpenWriterAsync(cancellationToken);
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
            var error = ex is SqliteException sqlite ? Translate(sqlite) : ex;
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

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        if (!Configured.TryGetValue(connection.Handle!, out _))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            Configured.AddOrUpdate(connection.Handle!, this);
        }

        return connection;
    }

    private async Task<SqliteConnection> OpenWriterAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // With a background checkpointer, commits never stop to copy the WAL into the database (and fsync it).
        command.CommandText = $"PRAGMA wal_autocheckpoint = {(Options.CheckpointInBackground ? 0 : 1000)};";
        await command.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>A user-facing error for a SQLite failure.</summary>
    public BatonException Translate(SqliteException ex)
    {
        var path = Options.DatabasePath;
        return ex.SqliteErrorCode switch
        {
            SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED => new BatonException(
                ErrorKind.Unavailable,
                $"the database '{path}' is locked by another process (waited {Options.BusyTimeout.TotalSeconds:0.###} s); close whatever holds it (an open sqlite3 shell, say) and try again",
                ex),
            SQLitePCL.raw.SQLITE_NOTADB or SQLitePCL.raw.SQLITE_CORRUPT => new BatonException(
                ErrorKind.StoreFailure,
                $"'{path}' is not a readable Baton database ({ex.Message.TrimEnd('.')}); it was left untouched. Move it aside to start afresh, or set BATON_DB to another file",
                ex),
            SQLitePCL.raw.SQLITE_READONLY when Options.ReadOnly => new BatonException(
                ErrorKind.Unavailable,
                $"the database '{path}' is in a folder this process may not write to, so it can only be read; make the folder writable, or set BATON_HOME and BATON_DB",
                ex),
            SQLitePCL.raw.SQLITE_CANTOPEN when Options.ReadOnly => new BatonException(
                ErrorKind.Unavailable,
                $"cannot read the database '{path}' in a folder this process may not write to: its write-ahead log holds changes that SQLite reads only through a file it must create there. Make the folder writable for one command, or set BATON_HOME and BATON_DB",
                ex),
            SQLitePCL.raw.SQLITE_CANTOPEN or SQLitePCL.raw.SQLITE_PERM or SQLitePCL.raw.SQLITE_READONLY => new BatonException(
                ErrorKind.Unavailable,
                $"cannot open the database '{path}' for writing; check that its folder exists and that you may write there, or set BATON_DB",
                ex),
            SQLitePCL.raw.SQLITE_FULL => new BatonException(ErrorKind.StorageFull, $"the disk holding '{path}' is full; free some space and try again", ex),
            _ => new BatonException(ErrorKind.StoreFailure, $"the database '{path}' failed: {ex.Message}", ex),
        };
    }
}
