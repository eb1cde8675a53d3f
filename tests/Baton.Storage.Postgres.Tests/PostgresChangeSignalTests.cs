using Baton.Core.Storage;
using Baton.Storage.Contract;
using Baton.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Storage.Postgres.Tests;

/// <summary>Other nodes' commits reach this node's change signal through LISTEN/NOTIFY.</summary>
public sealed class PostgresChangeSignalTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Changes_CommitOnAnotherNode_WakesThisNode()
    {
        var cluster = await PostgresCluster.Shared;
        var location = cluster.ConnectionString(await cluster.CreateDatabaseAsync("signal"));
        await using var writer = await OpenAsync(location);
        await using var reader = await OpenAsync(location);
        var changes = reader.GetRequiredService<IEventStore>().Changes;
        await reader.GetRequiredService<PostgresDatabase>().Listener.Listening.WaitAsync(Deadline);
        var next = changes.Next();
        Assert.False(next.IsCompleted);

        await writer.GetRequiredService<ITaskStore>().EnqueueAsync("t1", ContractTimes.Command(), ContractTimes.Now);

        await next.WaitAsync(Deadline);
    }

    internal static async Task<ServiceProvider> OpenAsync(string location)
    {
        var provider = new ServiceCollection().AddBatonPostgresStore(new StoreOptions { Location = location }).BuildServiceProvider();
        await provider.GetRequiredService<IStoreMigrator>().MigrateAsync();
        return provider;
    }
}
