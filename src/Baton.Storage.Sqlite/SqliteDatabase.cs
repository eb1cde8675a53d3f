using System.Globalization;
using Baton.Core.Errors;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite;

/// <summary>
/// Opens connections to one database file with Baton's settings and turns SQLite failures into errors a user can
/// act on. Connections are pooled by Microsoft.Data.Sqlite; each operation opens one and returns it.
/// </summary>
internal sealed class SqliteDatabase
{
    private readonly string connectionString;
    private readonly string pragmas;

    public SqliteDatabase(SqliteStoreOptions options)
    {
        Options = options;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            // Whole seconds only; SQLite's own busy_timeout below holds the precise wait.
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        pragmas = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA synchronous = {(options.SynchronousFull ? "FULL" : "NORMAL")}; PRAGMA busy_timeout = {(int)options.BusyTimeout.TotalMilliseconds}; PRAGMA foreign_keys = ON;");
    }

    public SqliteStoreOptions Options { get; }

    /// <summary>Runs <paramref name="work"/> on an open connection, mapping SQLite errors.</summary>
    public async Task<T> RunAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = pragmas;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return await work(connection);
        }
        catch (SqliteException ex)
        {
            throw Translate(ex);
        }
    }

    /// <summary>Runs <paramref name="work"/> in a write transaction (BEGIN IMMEDIATE), committing if it returns.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        RunAsync(
            async connection =>
            {
                await using var transaction = connection.BeginTransaction(deferred: false);
                var result = await work(connection, transaction);
                await transaction.CommitAsync(cancellationToken);
                return result;
            },
            cancellationToken);

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
            SQLitePCL.raw.SQLITE_CANTOPEN or SQLitePCL.raw.SQLITE_PERM or SQLitePCL.raw.SQLITE_READONLY => new BatonException(
                ErrorKind.Unavailable,
                $"cannot open the database '{path}' for writing; check that its folder exists and that you may write there, or set BATON_DB",
                ex),
            SQLitePCL.raw.SQLITE_FULL => new BatonException(ErrorKind.StoreFailure, $"the disk holding '{path}' is full; free some space and try again", ex),
            _ => new BatonException(ErrorKind.StoreFailure, $"the database '{path}' failed: {ex.Message}", ex),
        };
    }
}
