using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite;

/// <summary>
/// Opens connections to one database file with Baton's settings: the connection string (read-only stores read a
/// cleanly closed file as immutable) and the pragmas each physical connection gets once, whether it serves reads
/// from the pool or is the writer connection.
/// </summary>
internal sealed class SqliteConnectionFactory
{
    // Pooled connections keep their settings; configure each physical connection once, not on every open.
    private static readonly ConditionalWeakTable<object, object> Configured = [];

    /// <summary>
    /// The log's length, in pages, at which the writer checkpoints after its commit when a background checkpointer
    /// copies most of it first; without one, SQLite's own 1,000.
    /// </summary>
    internal const int WriterCheckpointPages = 2000;

    /// <summary>The log is truncated to this length when it starts over, so a burst does not keep its space.</summary>
    internal const long LogSizeLimitBytes = 64L * 1024 * 1024;

    private readonly SqliteStoreOptions options;
    private readonly string connectionString;
    private readonly string pragmas;

    public SqliteConnectionFactory(SqliteStoreOptions options)
    {
        this.options = options;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.ReadOnly ? ReadOnlySource(options.DatabasePath) : options.DatabasePath,
            Mode = options.ReadOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            // Whole seconds only; SQLite's own busy_timeout below holds the precise wait.
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        // temp_store: statement journals (kept for statements that fire triggers, such as a task's end unsealing its
        // statistics day) and sorts stay in memory; on files each would be a file created, written and removed.
        pragmas = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA synchronous = {(options.SynchronousFull ? "FULL" : "NORMAL")}; PRAGMA busy_timeout = {(int)options.BusyTimeout.TotalMilliseconds}; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;");
    }

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

    /// <summary>Opens a connection, from the pool for reads, configured with Baton's settings.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
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

    /// <summary>Opens the long-lived connection that this process writes the file through.</summary>
    public async Task<SqliteConnection> OpenWriterAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // The writer checkpoints itself once the log is this long, even beside a background checkpointer.
        // SQLite starts the log over only after a checkpoint that reached its end, and under sustained writes the
        // background one never does (frames are appended while it copies): the log then grew by about a gigabyte a
        // minute, every frame appended to fresh file space and every read searching a longer index. A checkpoint
        // between the writer's own transactions reaches the end, having little left to copy, and the next commit
        // starts the log over. journal_size_limit then gives back the space a burst (one large transaction) took.
        command.CommandText = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA wal_autocheckpoint = {(options.CheckpointInBackground ? WriterCheckpointPages : 1000)}; PRAGMA journal_size_limit = {LogSizeLimitBytes};");
        await command.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
