namespace Baton.Core.Storage;

/// <summary>Which store to open and how; each store's registration reads what applies to it.</summary>
public sealed record StoreOptions
{
    /// <summary>Where the store is: for SQLite, the database file (created with its folder if missing).</summary>
    public required string Location { get; init; }

    /// <summary>
    /// Every commit survives a power loss, at a cost per commit (baton.json <c>"durability": "full"</c>); by default a
    /// commit survives any process crash, and after a power loss the last ones may be rolled back but nothing is corrupt.
    /// </summary>
    public bool DurabilityFull { get; init; }

    /// <summary>How long a statement waits for another process's lock before failing. Default 10 s.</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A long-lived process (the daemon) runs the store's upkeep in the background (<see cref="IStoreMaintenance"/>),
    /// so that commits never stop for it; short-lived ones leave it to the commits.
    /// </summary>
    public bool BackgroundMaintenance { get; init; }

    /// <summary>
    /// Where this process may not write (a read-only mount, another owner's folder) but the store exists, open it
    /// for reading instead of failing, so that reading commands still work (the CLI does). Writes then fail with a
    /// message that says so; <see cref="IStoreMigrator.IsReadOnly"/> tells it beforehand.
    /// </summary>
    public bool ReadOnlyFallback { get; init; }
}
