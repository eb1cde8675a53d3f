using Baton.Core.Access;
using Baton.Core.Errors;
using Baton.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite;

/// <summary>
/// Creates the database (in a private folder, as a private file) or upgrades it with the numbered migrations. With
/// a read-only fallback it opens for reading a database this process may not write, and the stores made after it
/// read it that way.
/// </summary>
public sealed class SqliteStoreMigrator : IStoreMigrator
{
    private readonly SqliteStoreConnection connection;
    private readonly bool readOnlyFallback;

    /// <summary>A migrator for the database in <paramref name="options"/>, without a read-only fallback.</summary>
    public SqliteStoreMigrator(SqliteStoreOptions options)
        : this(new SqliteStoreConnection(options), readOnlyFallback: false)
    {
    }

    internal SqliteStoreMigrator(SqliteStoreConnection connection, bool readOnlyFallback)
    {
        this.connection = connection;
        this.readOnlyFallback = readOnlyFallback;
    }

    /// <inheritdoc />
    public bool IsReadOnly => connection.Options.ReadOnly;

    /// <inheritdoc />
    public string Description => $"SQLite {connection.Options.DatabasePath}";

    /// <inheritdoc />
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        var options = connection.Options;
        if (!readOnlyFallback || options.ReadOnly)
        {
            await MigrateAsync(options, cancellationToken);
            return;
        }

        try
        {
            await MigrateAsync(options, cancellationToken);
            // SQLite quietly opens a file it may not write read-only (when it can read it all the same); say so plainly.
            if (await OpenedReadOnlyAsync(options.DatabasePath, cancellationToken))
            {
                connection.Options = ReadOnly(options);
            }
        }
        catch (Exception ex) when (IsNotWritable(ex) && File.Exists(options.DatabasePath))
        {
            var readOnly = ReadOnly(options);
            await MigrateAsync(readOnly, cancellationToken);
            connection.Options = readOnly;
        }
    }

    /// <inheritdoc />
    public async Task<StoreFacts> InspectAsync(CancellationToken cancellationToken = default)
    {
        await using var database = new SqliteDatabase(connection.Options);
        return await database.RunAsync(
            async sqlite => new StoreFacts(
                "SQLite " + await SchemaMigrator.EngineVersionAsync(sqlite, cancellationToken),
                await SchemaMigrator.CurrentVersionAsync(sqlite, cancellationToken),
                SchemaMigrator.LatestVersion,
                ServerTime: null),
            cancellationToken);
    }

    private static async Task MigrateAsync(SqliteStoreOptions options, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(options.DatabasePath));
        if (folder is not null && !options.ReadOnly && !Directory.Exists(folder))
        {
            PrivateFiles.CreateDirectory(folder);
        }

        // Before SQLite creates it: its WAL and shared-memory files take the database file's mode.
        if (!options.ReadOnly)
        {
            PrivateFiles.SecureDatabase(options.DatabasePath);
        }

        await using var database = new SqliteDatabase(options);
        await database.RunAsync(
            async sqlite =>
            {
                await SchemaMigrator.MigrateAsync(sqlite, options.DatabasePath, cancellationToken);
                return true;
            },
            cancellationToken);
    }

    private static async Task<bool> OpenedReadOnlyAsync(string path, CancellationToken cancellationToken)
    {
        // Not the last connection to close (the stores' pooled ones stay open), so closing it checkpoints nothing.
        await using var probe = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        await probe.OpenAsync(cancellationToken);
        return SQLitePCL.raw.sqlite3_db_readonly(probe.Handle, "main") == 1;
    }

    private static SqliteStoreOptions ReadOnly(SqliteStoreOptions options) => new()
    {
        DatabasePath = options.DatabasePath,
        BusyTimeout = options.BusyTimeout,
        SynchronousFull = options.SynchronousFull,
        CheckpointInBackground = options.CheckpointInBackground,
        ReadOnly = true,
    };

    private static bool IsNotWritable(Exception ex) => ex switch
    {
        UnauthorizedAccessException or IOException => true,
        BatonException { InnerException: SqliteException sqlite } => sqlite.SqliteErrorCode is SQLitePCL.raw.SQLITE_CANTOPEN or SQLitePCL.raw.SQLITE_READONLY or SQLitePCL.raw.SQLITE_PERM,
        _ => false,
    };
}
