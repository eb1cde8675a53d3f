using Baton.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Storage.Sqlite;

/// <summary>The SQLite store in one place: every Core storage port over one database file, and its migrator.</summary>
public static class SqliteStoreRegistration
{
    /// <summary>
    /// Registers <see cref="ITaskStore"/>, <see cref="IAttemptStore"/>, <see cref="IWorkflowStore"/>,
    /// <see cref="IEventStore"/>, <see cref="INotificationStore"/>, <see cref="IWebhookStore"/>,
    /// <see cref="ITokenStore"/>, <see cref="IBrowserAccessStore"/>, <see cref="IWorkerStore"/>, <see cref="IInteractionStore"/> and <see cref="IStoreMigrator"/> over the database at
    /// <see cref="StoreOptions.Location"/>, and with <see cref="StoreOptions.BackgroundMaintenance"/> the
    /// <see cref="IStoreMaintenance"/> that checkpoints its WAL. Resolve and run the migrator before any store.
    /// </summary>
    public static IServiceCollection AddBatonSqliteStore(this IServiceCollection services, StoreOptions options)
    {
        var connection = new SqliteStoreConnection(new SqliteStoreOptions
        {
            DatabasePath = options.Location,
            SynchronousFull = options.DurabilityFull,
            BusyTimeout = options.LockWait,
            CheckpointInBackground = options.BackgroundMaintenance,
        });
        services.AddSingleton(connection);
        services.AddSingleton<IStoreMigrator>(new SqliteStoreMigrator(connection, options.ReadOnlyFallback));
        services.AddSingleton<ITaskStore>(_ => new SqliteTaskStore(connection.Options));
        services.AddSingleton<IAttemptStore>(_ => new SqliteAttemptStore(connection.Options));
        services.AddSingleton<IWorkflowStore>(_ => new SqliteWorkflowStore(connection.Options));
        services.AddSingleton<IEventStore>(_ => new SqliteEventStore(connection.Options));
        services.AddSingleton<INotificationStore>(_ => new SqliteNotificationStore(connection.Options));
        services.AddSingleton<IWebhookStore>(_ => new SqliteWebhookStore(connection.Options));
        services.AddSingleton<ITokenStore>(_ => new SqliteTokenStore(connection.Options));
        services.AddSingleton<IBrowserAccessStore>(_ => new SqliteBrowserAccessStore(connection.Options));
        services.AddSingleton<IClusterLeaseStore>(_ => new SqliteClusterLeaseStore(connection.Options));
        services.AddSingleton<IWorkerStore>(_ => new SqliteWorkerStore(connection.Options));
        services.AddSingleton<IInteractionStore>(_ => new SqliteInteractionStore(connection.Options));
        services.AddSingleton<IScheduleStore>(_ => new SqliteScheduleStore(connection.Options));
        services.AddSingleton<IGaugeStore>(_ => new SqliteGaugeStore(connection.Options));
        services.AddSingleton<IAlertStore>(_ => new SqliteAlertStore(connection.Options));
        services.AddSingleton<ICapsuleStore>(_ => new SqliteCapsuleStore(connection.Options));
        services.AddSingleton<ISessionStore>(_ => new SqliteSessionStore(connection.Options));
        services.AddSingleton<IInitiativeStore>(_ => new SqliteInitiativeStore(connection.Options));
        if (options.BackgroundMaintenance)
        {
            services.AddSingleton<IStoreMaintenance>(sp => new SqliteCheckpointer(
                connection.Options,
                sp.GetService<TimeProvider>() ?? TimeProvider.System,
                sp.GetService<ILogger<SqliteCheckpointer>>() ?? NullLogger<SqliteCheckpointer>.Instance));
            services.AddSingleton<IStoreMaintenance>(sp => new SqliteStatsSealer(
                (SqliteTaskStore)sp.GetRequiredService<ITaskStore>(),
                sp.GetService<TimeProvider>() ?? TimeProvider.System,
                sp.GetService<ILogger<SqliteStatsSealer>>() ?? NullLogger<SqliteStatsSealer>.Instance));
        }

        return services;
    }
}
