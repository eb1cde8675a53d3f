using Baton.Configuration;
using Baton.Core.Errors;
using Baton.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Baton.Cli;

/// <summary>
/// Opens the data directory's store for a CLI command: created and migrated as usual, or — when the directory may not
/// be written (a read-only mount, another owner's folder) but holds a database — opened for reading, so that status,
/// list, logs and the like still work. A command that writes then fails with a message that says why.
/// </summary>
internal static class CliStore
{
    public static async Task<SqliteStoreOptions> OpenAsync(BatonSettings settings, TimeSpan? busyTimeout = null, CancellationToken cancellationToken = default)
    {
        var options = Options(settings, busyTimeout, readOnly: false);
        if (!File.Exists(settings.DatabasePath))
        {
            // A first run, or a data directory deleted under a running daemon: a new, empty store would hide that
            // daemon from the user, so look for one before creating anything.
            Daemon.OrphanedDaemon.ThrowIfAny(settings);
        }

        try
        {
            CliHome.Secure(settings);
            await new SqliteTaskStore(options).InitializeAsync(cancellationToken);
            // SQLite quietly opens a file it may not write read-only (when it can read it all the same); say so plainly.
            return await OpenedReadOnlyAsync(settings.DatabasePath, cancellationToken) ? Options(settings, busyTimeout, readOnly: true) : options;
        }
        catch (Exception ex) when (IsNotWritable(ex) && File.Exists(settings.DatabasePath))
        {
            var readOnly = Options(settings, busyTimeout, readOnly: true);
            await new SqliteTaskStore(readOnly).InitializeAsync(cancellationToken);
            return readOnly;
        }
    }

    private static async Task<bool> OpenedReadOnlyAsync(string path, CancellationToken cancellationToken)
    {
        // Not the last connection to close (the store's pooled ones stay open), so closing it checkpoints nothing.
        await using var probe = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        await probe.OpenAsync(cancellationToken);
        return SQLitePCL.raw.sqlite3_db_readonly(probe.Handle, "main") == 1;
    }

    private static SqliteStoreOptions Options(BatonSettings settings, TimeSpan? busyTimeout, bool readOnly) => new()
    {
        DatabasePath = settings.DatabasePath,
        SynchronousFull = settings.SynchronousFull,
        BusyTimeout = busyTimeout ?? TimeSpan.FromSeconds(10),
        ReadOnly = readOnly,
    };

    private static bool IsNotWritable(Exception ex) => ex switch
    {
        UnauthorizedAccessException or IOException => true,
        BatonException { InnerException: SqliteException sqlite } => sqlite.SqliteErrorCode is SQLitePCL.raw.SQLITE_CANTOPEN or SQLitePCL.raw.SQLITE_READONLY or SQLitePCL.raw.SQLITE_PERM,
        _ => false,
    };
}
