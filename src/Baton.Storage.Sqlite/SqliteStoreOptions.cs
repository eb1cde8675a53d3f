namespace Baton.Storage.Sqlite;

/// <summary>Where the SQLite database lives and how patiently it waits for locks.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>Path of the database file; created with its folder if missing.</summary>
    public required string DatabasePath { get; init; }

    /// <summary>How long a statement waits for another process's lock before failing. Default 10 s.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// SQLite's synchronous setting in WAL mode: NORMAL (default) survives any process crash, and after a power
    /// loss may lose the last transactions but never corrupts; FULL also survives power loss at a cost per commit.
    /// </summary>
    public bool SynchronousFull { get; init; }

    /// <summary>
    /// A <see cref="SqliteCheckpointer"/> copies the WAL back off the write path. The daemon does this: its commits
    /// seldom wait for a checkpoint's copy and fsync. The writer still checkpoints once the log passes
    /// <see cref="SqliteConnectionFactory.WriterCheckpointPages"/> pages, so that the log can start over under
    /// sustained writes. Short-lived processes keep SQLite's automatic checkpoints (default).
    /// </summary>
    public bool CheckpointInBackground { get; init; }

    /// <summary>
    /// Open the database for reading only: for a data directory this process may not write to (a read-only mount,
    /// another owner's folder), where reading commands must still work. Writes then fail with an error that says so.
    /// </summary>
    public bool ReadOnly { get; init; }
}
