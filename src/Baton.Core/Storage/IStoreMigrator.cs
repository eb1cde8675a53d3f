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

    /// <summary>
    /// Facts for <c>baton doctor</c>, read from the store (so it also proves the store answers): its engine's
    /// version, the schema version it holds and the newest this build knows, and the database server's clock where
    /// it runs on another machine.
    /// </summary>
    Task<StoreFacts> InspectAsync(CancellationToken cancellationToken = default);
}

/// <summary>What <see cref="IStoreMigrator.InspectAsync"/> found.</summary>
/// <param name="ServerVersion">The database engine's version (<c>SQLite 3.46.1</c>, <c>PostgreSQL 15.18</c>).</param>
/// <param name="SchemaVersion">The newest migration the store holds.</param>
/// <param name="KnownSchemaVersion">The newest migration this build has.</param>
/// <param name="ServerTime">The server's clock when it answered, for a database on another machine; else null.</param>
public sealed record StoreFacts(string ServerVersion, int SchemaVersion, int KnownSchemaVersion, DateTimeOffset? ServerTime);
