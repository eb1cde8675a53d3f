namespace Baton.Core.Storage;

/// <summary>
/// Brings a store's schema to this build's version before anything else uses it: every process that opens the store
/// calls it once, first. A store written by a newer build, or a file that is not Baton's, is refused and left alone.
/// </summary>
public interface IStoreMigrator
{
    /// <summary>Creates or upgrades the schema (numbered migrations recorded in the store).</summary>
    Task MigrateAsync(CancellationToken cancellationToken = default);

    /// <summary>True once <see cref="MigrateAsync"/> found the store writable by others only and opened it for reading (<see cref="StoreOptions.ReadOnlyFallback"/>).</summary>
    bool IsReadOnly { get; }

    /// <summary>What the store is, for people: its kind and where it is (<c>SQLite /home/me/.baton/baton.db</c>).</summary>
    string Description { get; }
}
