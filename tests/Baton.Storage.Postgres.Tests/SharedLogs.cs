using Baton.Core.Storage;
using Baton.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Storage.Postgres.Tests;

/// <summary>The attempt log port of a fresh, migrated PostgreSQL store, resolved as the host resolves it.</summary>
internal sealed class SharedLogs(ServiceProvider services) : IAsyncDisposable
{
    public IAttemptLogStore Store { get; } = services.GetRequiredService<IAttemptLogStore>();

    public static async Task<SharedLogs> OpenAsync()
    {
        var cluster = await PostgresCluster.Shared;
        var location = cluster.ConnectionString(await cluster.CreateDatabaseAsync("logs"));
        var services = new ServiceCollection().AddBatonPostgresStore(new StoreOptions { Location = location }).BuildServiceProvider();
        await services.GetRequiredService<IStoreMigrator>().MigrateAsync();
        return new SharedLogs(services);
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
