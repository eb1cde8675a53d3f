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

    [Fact]
    public async Task Changes_OwnCommit_FiresOnceNotAgainWhenItsNotificationComesBack()
    {
        var cluster = await PostgresCluster.Shared;
        var location = cluster.ConnectionString(await cluster.CreateDatabaseAsync("own_signal"));
        await using var writer = await OpenAsync(location);
        await using var other = await OpenAsync(location);
        var changes = writer.GetRequiredService<IEventStore>().Changes;
        await writer.GetRequiredService<PostgresDatabase>().Listener.Listening.WaitAsync(Deadline);
        var otherAnnouncer = other.GetRequiredService<IQueueAnnouncer>();
        _ = otherAnnouncer.Announced;
        await other.GetRequiredService<PostgresDatabase>().Listener.Listening.WaitAsync(Deadline);
        var committed = changes.Next();
        var otherHeard = other.GetRequiredService<IEventStore>().Changes.Next();

        await writer.GetRequiredService<ITaskStore>().EnqueueAsync("t1", ContractTimes.Command(), ContractTimes.Now);
        await committed.WaitAsync(Deadline);
        var again = changes.Next();
        await otherHeard.WaitAsync(Deadline);
        // The other node announces only after it heard the commit, so its announcement follows the commit's
        // notification in PostgreSQL's queue: once the writer hears it, it has heard its own commit's too.
        var writerHeardOther = writer.GetRequiredService<IQueueAnnouncer>().Announced.Next();
        otherAnnouncer.Announce();
        await writerHeardOther.WaitAsync(Deadline);

        Assert.False(again.IsCompleted);
    }

    internal static async Task<ServiceProvider> OpenAsync(string location)
    {
        var provider = new ServiceCollection().AddBatonPostgresStore(new StoreOptions { Location = location }).BuildServiceProvider();
        await provider.GetRequiredService<IStoreMigrator>().MigrateAsync();
        return provider;
    }
}
