using Baton.Core.Tests.Testing;
using Baton.Storage.Contract;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite.Tests.Contract;

/// <summary>Opens a fresh SQLite store in a temp directory for the contract tests, deleted with it.</summary>
internal static class SqliteStores
{
    public static async Task<StoreUnderTest> OpenAsync()
    {
        var directory = new TempDirectory();
        var options = new SqliteStoreOptions { DatabasePath = directory.File("baton.db") };
        await new SqliteStoreMigrator(options).MigrateAsync();
        var tasks = new SqliteTaskStore(options);
        var attempts = new SqliteAttemptStore(options);
        var workflows = new SqliteWorkflowStore(options);
        var events = new SqliteEventStore(options);
        var notifications = new SqliteNotificationStore(options);
        var webhooks = new SqliteWebhookStore(options);
        var tokens = new SqliteTokenStore(options);
        var workers = new SqliteWorkerStore(options);
        var leases = new SqliteClusterLeaseStore(options);
        var interactions = new SqliteInteractionStore(options);
        var browser = new SqliteBrowserAccessStore(options);
        var schedules = new SqliteScheduleStore(options);
        var gauges = new SqliteGaugeStore(options);
        var alerts = new SqliteAlertStore(options);
        var capsules = new SqliteCapsuleStore(options);
        var sessions = new SqliteSessionStore(options);
        var initiatives = new SqliteInitiativeStore(options);
        return new StoreUnderTest(tasks, attempts, workflows, events, notifications, webhooks, tokens, async () =>
        {
            IAsyncDisposable[] owned = [tasks, attempts, workflows, events, notifications, webhooks, tokens, workers, leases, interactions, browser, schedules, gauges, alerts, capsules, sessions, initiatives];
            foreach (var store in owned)
            {
                await store.DisposeAsync();
            }

            // Pooled connections hold the file open; close them before deleting it.
            SqliteConnection.ClearAllPools();
            directory.Dispose();
        }, workers)
        {
            Leases = leases,
            Interactions = interactions,
            Browser = browser,
            Schedules = schedules,
            Gauges = gauges,
            Alerts = alerts,
            Capsules = capsules,
            Sessions = sessions,
            Initiatives = initiatives,
        };
    }
}
