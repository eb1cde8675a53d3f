using Baton.Storage.Contract;

namespace Baton.Storage.Sqlite.Tests.Contract;

// The store contract, proven for SQLite: one class per contract, each opening a fresh database file per test.

public sealed class SqliteTaskStoreContract : TaskStoreContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}
