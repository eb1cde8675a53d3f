using Baton.Core.Errors;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite;

/// <summary>
/// Turns SQLite's failures into errors a user can act on: each names the database file and says what to do about
/// it.
/// </summary>
internal static class SqliteErrors
{
    /// <summary>A user-facing error for a SQLite failure.</summary>
    public static BatonException Translate(SqliteException ex, SqliteStoreOptions options)
    {
        var path = options.DatabasePath;
        return ex.SqliteErrorCode switch
        {
            SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED => new BatonException(
                ErrorKind.Unavailable,
                $"the database '{path}' is locked by another process (waited {options.BusyTimeout.TotalSeconds:0.###} s); close whatever holds it (an open sqlite3 shell, say) and try again",
                ex),
            SQLitePCL.raw.SQLITE_NOTADB or SQLitePCL.raw.SQLITE_CORRUPT => new BatonException(
                ErrorKind.StoreFailure,
                $"'{path}' is not a readable Baton database ({ex.Message.TrimEnd('.')}); it was left untouched. Move it aside to start afresh, or set BATON_DB to another file",
                ex),
            SQLitePCL.raw.SQLITE_READONLY when options.ReadOnly => new BatonException(
                ErrorKind.Unavailable,
                $"the database '{path}' is in a folder this process may not write to, so it can only be read; make the folder writable, or set BATON_HOME and BATON_DB",
                ex),
            SQLitePCL.raw.SQLITE_CANTOPEN when options.ReadOnly => new BatonException(
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
