using Baton.Core.Errors;
using Npgsql;

namespace Baton.Storage.Postgres;

/// <summary>
/// Turns Npgsql's failures into errors a user can act on, naming the database by host, port and name only (never
/// its password), and never with the SQL that failed.
/// </summary>
internal static class PostgresErrors
{
    /// <summary>Serialization failures and deadlocks: the transaction did nothing and may simply run again.</summary>
    public static bool IsRetryable(Exception ex) => ex is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected }
        // Two writers queued the same idempotency key at once: run again, and the second finds the first's task.
        || ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "ix_tasks_idempotency" }
        // Two nodes created the workflow of the same schedule occurrence at once: run again, and the second finds the first's.
        || ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "workflows_id_key" };

    /// <summary>True for the failures of the server or the way to it, rather than of the statement.</summary>
    public static bool IsUnavailable(NpgsqlException ex) => ex switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal)
            || pg.SqlState.StartsWith("53", StringComparison.Ordinal)
            || pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow,
        _ => true,
    };

    public static BatonException Translate(NpgsqlException ex, string where, TimeSpan lockWait) => ex switch
    {
        PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.QueryCanceled } => new BatonException(
            ErrorKind.Unavailable,
            $"the database at {where} is busy: a lock was not granted within {lockWait.TotalSeconds:0.###} s; try again",
            ex),
        PostgresException { SqlState: PostgresErrorCodes.DiskFull } => new BatonException(
            ErrorKind.StorageFull, $"the disk of the database at {where} is full; free some space and try again", ex),
        PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } pg => new BatonException(
            ErrorKind.Unavailable,
            $"the database at {where} refused the login ({pg.MessageText}); check the user and password in BATON_DB",
            ex),
        PostgresException pg when IsUnavailable(pg) => Unreachable(where, pg.MessageText, ex),
        PostgresException pg => new BatonException(ErrorKind.StoreFailure, $"the database at {where} failed ({pg.SqlState}: {pg.MessageText})", ex),
        { InnerException: TimeoutException } => new BatonException(
            ErrorKind.Unavailable, $"the database at {where} did not answer in time; check that PostgreSQL is running and not overloaded, and try again", ex),
        _ => Unreachable(where, Reason(ex), ex),
    };

    /// <summary>
    /// The connection was lost after the commit was sent: the change may or may not be saved, and running it again
    /// could make it twice, so the caller is told to look before repeating it.
    /// </summary>
    public static BatonException CommitUnknown(string where, NpgsqlException ex) => new(
        ErrorKind.Unavailable,
        $"the connection to the database at {where} was lost while the change was being committed ({Reason(ex).TrimEnd('.')}), "
        + "so it is not known whether it was saved; once the database answers again, look (e.g. 'baton task list') before "
        + "repeating it, or repeat it with the same idempotency key",
        ex);

    private static BatonException Unreachable(string where, string reason, Exception ex) => new(
        ErrorKind.Unavailable,
        $"the database at {where} cannot be reached ({reason.TrimEnd('.')}); check that PostgreSQL is running and that BATON_DB points at it, then try again",
        ex);

    private static string Reason(Exception ex)
    {
        // The innermost cause says what happened (connection refused, reset by peer); Npgsql's own text is generic.
        var inner = ex;
        while (inner.InnerException is { } next)
        {
            inner = next;
        }

        return inner.Message;
    }
}
