namespace Baton.Storage.Sqlite;

/// <summary>
/// How the stores of one registration open the database: set once by <see cref="SqliteStoreMigrator"/> before
/// any store is made (it may switch to reading only), then read by each store as it is made.
/// </summary>
internal sealed class SqliteStoreConnection(SqliteStoreOptions options)
{
    public SqliteStoreOptions Options { get; set; } = options;
}
