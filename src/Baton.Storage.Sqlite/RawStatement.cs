using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Baton.Storage.Sqlite;

/// <summary>
/// One statement prepared on the writer connection and bound by position, for the few inserts every change makes
/// (events, webhook deliveries): it skips the parameter objects, the bind-by-name lookups and the data reader that a
/// <see cref="SqliteCommand"/> costs per run. It runs inside whatever transaction the connection has open.
/// </summary>
internal sealed class RawStatement(sqlite3 database, sqlite3_stmt statement) : IDisposable
{
    /// <summary>Prepares <paramref name="sql"/> on <paramref name="connection"/>.</summary>
    public static RawStatement Prepare(SqliteConnection connection, string sql)
    {
        var database = connection.Handle!;
        var rc = raw.sqlite3_prepare_v2(database, sql, out var statement);
        SqliteException.ThrowExceptionForRC(rc, database);
        return new RawStatement(database, statement);
    }

    public RawStatement Bind(int position, string? value)
    {
        // UTF-16 straight from the string: SQLite converts it natively, with no managed copy per value.
        Check(value is null ? raw.sqlite3_bind_null(statement, position) : raw.sqlite3_bind_text16(statement, position, value.AsSpan()));
        return this;
    }

    public RawStatement Bind(int position, long? value)
    {
        Check(value is { } number ? raw.sqlite3_bind_int64(statement, position, number) : raw.sqlite3_bind_null(statement, position));
        return this;
    }

    /// <summary>Runs the insert; returns the new row's id, or 0 if nothing was inserted (an insert the database ignored).</summary>
    public long Insert()
    {
        try
        {
            var rc = raw.sqlite3_step(statement);
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, database);
            }

            return raw.sqlite3_changes(database) > 0 ? raw.sqlite3_last_insert_rowid(database) : 0;
        }
        finally
        {
            raw.sqlite3_reset(statement);
            raw.sqlite3_clear_bindings(statement);
        }
    }

    public void Dispose() => statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, database);
        }
    }
}
