using Baton.Core.Storage;
using Baton.Storage.Contract;
using Baton.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Storage.Postgres.Tests.Contract;

/// <summary>Opens a fresh, migrated PostgreSQL store (a new database on the shared test cluster), registered as the host registers it.</summary>
internal static class PostgresStores
{
    public static async Task<StoreUnderTest> OpenAsync()
    {
        var cluster = await PostgresCluster.Shared;
        var database = await cluster.CreateDatabaseAsync("contract");
        return await OpenAsync(cluster.ConnectionString(database));
    }

    /// <summary>A store over an existing database (migrated here), disposed with the returned object.</summary>
    public static async Task<StoreUnderTest> OpenAsync(string location, StoreOptions? options = null)
    {
        var services = new ServiceCollection()
            .AddBatonPostgresStore((options ?? new StoreOptions { Location = location }) with { Location = location })
            .BuildServiceProvider();
        await services.GetRequiredService<IStoreMigrator>().MigrateAsync();
        return new StoreUnderTest(
            services.GetRequiredService<ITaskStore>(),
            services.GetRequiredService<IAttemptStore>(),
            services.GetRequiredService<IWorkflowStore>(),
            services.GetRequiredService<IEventStore>(),
            services.GetRequiredService<INotificationStore>(),
            services.GetRequiredService<IWebhookStore>(),
            services.GetRequiredService<ITokenStore>(),
            services.DisposeAsync,
            services.GetRequiredService<IWorkerStore>())
        {
            Leases = services.GetRequiredService<IClusterLeaseStore>(),
            Interactions = services.GetRequiredService<IInteractionStore>(),
            Alerts = services.GetRequiredService<IAlertStore>(),
            Browser = services.GetRequiredService<IBrowserAccessStore>(),
            Schedules = services.GetRequiredService<IScheduleStore>(),
            Gauges = services.GetRequiredService<IGaugeStore>(),
            Capsules = services.GetRequiredService<ICapsuleStore>(),
            Sessions = services.GetRequiredService<ISessionStore>(),
            Initiatives = services.GetRequiredService<IInitiativeStore>(),
        };
    }
}
