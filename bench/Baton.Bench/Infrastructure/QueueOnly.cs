using Baton.Core.Application;
using Baton.Core.Engine;
using Baton.Core.Runners;
using Baton.Storage.Sqlite;

namespace Baton.Bench.Infrastructure;

/// <summary>A task service over a scenario's database with no engine running: its wake-ups reach no one.</summary>
internal static class QueueOnly
{
    public static async Task<TaskService> OpenAsync(BenchDirectory directory, IReadOnlyList<IRunner> runners, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var options = new SqliteStoreOptions { DatabasePath = directory.DatabasePath };
        await new SqliteStoreMigrator(options).MigrateAsync(cancellationToken);
        var store = new SqliteTaskStore(options);
        return new TaskService(store, new DispatchSignalNotifier(new DispatchSignal()), new RunnerRegistry(runners), time);
    }
}
