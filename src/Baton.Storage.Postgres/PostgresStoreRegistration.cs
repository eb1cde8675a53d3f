using Baton.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Storage.Postgres;

/// <summary>The PostgreSQL store in one place: every Core storage port over one database, and its migrator.</summary>
public static class PostgresStoreRegistration
{
    /// <summary>
    /// Registers <see cref="ITaskStore"/>, <see cref="IAttemptStore"/>, <see cref="IWorkflowStore"/>,
    /// <see cref="IEventStore"/>, <see cref="INotificationStore"/>, <see cref="IWebhookStore"/>,
    /// <see cref="ITokenStore"/>, <see cref="IBrowserAccessStore"/>, <see cref="IWorkerStore"/>, <see cref="IClusterLeaseStore"/>, <see cref="IInteractionStore"/>, <see cref="IAttemptLogStore"/>
    /// (attempt logs shipped here, so that every node reads them) and <see cref="IStoreMigrator"/> over the PostgreSQL database at
    /// <see cref="StoreOptions.Location"/> (an Npgsql connection string or a <c>postgresql://</c> URI), in its schema
    /// <c>baton</c>. <see cref="StoreOptions.LockWait"/> bounds every lock wait. Resolve and run the migrator before any store.
    /// </summary>
    public static IServiceCollection AddBatonPostgresStore(this IServiceCollection services, StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Parsed now, so that a malformed location fails at start-up rather than at the first query.
        PostgresLocation.Parse(options.Location);
        services.AddSingleton(sp => new PostgresDatabase(
            options.Location,
            options.LockWait,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        services.AddSingleton<IStoreMigrator>(sp => new PostgresStoreMigrator(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<ITaskStore>(sp => new PostgresTaskStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IAttemptStore>(sp => new PostgresAttemptStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IWorkflowStore>(sp => new PostgresWorkflowStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IEventStore>(sp => new PostgresEventStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<INotificationStore>(sp => new PostgresNotificationStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IWebhookStore>(sp => new PostgresWebhookStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<ITokenStore>(sp => new PostgresTokenStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IBrowserAccessStore>(sp => new PostgresBrowserAccessStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IQueueAnnouncer>(sp => new PostgresQueueAnnouncer(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IWorkerStore>(sp => new PostgresWorkerStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IInteractionStore>(sp => new PostgresInteractionStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IGaugeStore>(sp => new PostgresGaugeStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IClusterLeaseStore>(sp => new PostgresClusterLeaseStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IScheduleStore>(sp => new PostgresScheduleStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IInitiativeStore>(sp => new PostgresInitiativeStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IAlertStore>(sp => new PostgresAlertStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IAttemptLogStore>(sp => new PostgresAttemptLogStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<ICapsuleStore>(sp => new PostgresCapsuleStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<ISessionStore>(sp => new PostgresSessionStore(sp.GetRequiredService<PostgresDatabase>()));
        return services;
    }
}
