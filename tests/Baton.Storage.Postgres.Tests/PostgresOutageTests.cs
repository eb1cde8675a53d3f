using Baton.Core.Errors;
using Baton.Core.Storage;
using Baton.Storage.Contract;
using Baton.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Baton.Storage.Postgres.Tests;

/// <summary>A database that goes away: clear Unavailable errors without secrets, and the store working again when it returns.</summary>
public sealed class PostgresOutageTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Stores_ServerStoppedThenStarted_UnavailableWithoutPasswordThenWorkAgain()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        var database = await cluster.CreateDatabaseAsync("outage");
        await using var provider = await PostgresChangeSignalTests.OpenAsync(cluster.Uri(database));
        var tasks = provider.GetRequiredService<ITaskStore>();
        await tasks.EnqueueAsync("before", ContractTimes.Command(), ContractTimes.Now);

        await cluster.StopAsync();
        var write = await Assert.ThrowsAsync<BatonException>(() => tasks.EnqueueAsync("during", ContractTimes.Command(), ContractTimes.Now));
        var read = await Assert.ThrowsAsync<BatonException>(() => tasks.GetTaskAsync("before"));

        foreach (var error in new[] { write, read })
        {
            Assert.Equal(ErrorKind.Unavailable, error.Kind);
            Assert.StartsWith($"the database at 127.0.0.1:{cluster.Port}/{database} cannot be reached (", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(cluster.Password, error.Message, StringComparison.Ordinal);
        }

        await cluster.StartAgainAsync();
        // The pool's connections died with the server; the store opens new ones without failing a call.
        await tasks.EnqueueAsync("after", ContractTimes.Command(), ContractTimes.Now);
        Assert.NotNull(await tasks.GetTaskAsync("before"));
        Assert.NotNull(await tasks.GetTaskAsync("after"));
        Assert.Null(await tasks.GetTaskAsync("during"));
    }

    [Fact]
    public async Task Enqueue_CommitReplyLost_UnavailableSayingTheOutcomeIsUnknownAndNotRunAgain()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        var database = await cluster.CreateDatabaseAsync("replylost");
        await using var proxy = new CommitReplyDroppingProxy(cluster.Port);
        var viaProxy = new NpgsqlConnectionStringBuilder(cluster.ConnectionString(database)) { Port = proxy.Port }.ConnectionString;
        await using var provider = await PostgresChangeSignalTests.OpenAsync(viaProxy);
        var tasks = provider.GetRequiredService<ITaskStore>();
        await tasks.EnqueueAsync("before", ContractTimes.Command(), ContractTimes.Now);

        proxy.Arm("replylost-task");
        var error = await Assert.ThrowsAsync<BatonException>(() => tasks.EnqueueAsync("replylost-task", ContractTimes.Command(), ContractTimes.Now));

        Assert.True(proxy.Dropped.Task.IsCompleted);
        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.StartsWith($"the connection to the database at 127.0.0.1:{proxy.Port}/{database} was lost while the change was being committed (", error.Message, StringComparison.Ordinal);
        Assert.Contains("not known whether it was saved", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(cluster.Password, error.Message, StringComparison.Ordinal);
        // It was saved, once: the store did not send it again on a new connection.
        await using var direct = await PostgresChangeSignalTests.OpenAsync(cluster.ConnectionString(database));
        var saved = await direct.GetRequiredService<ITaskStore>().ListTasksAsync(new TaskQuery(Limit: 10));
        Assert.Equal(["before", "replylost-task"], saved.Select(t => t.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Stores_ServerRestartedWhileIdle_NextCallsSucceed()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        var database = await cluster.CreateDatabaseAsync("idle");
        await using var provider = await PostgresChangeSignalTests.OpenAsync(cluster.ConnectionString(database));
        var tasks = provider.GetRequiredService<ITaskStore>();
        // Several pooled connections, all idle when the server goes.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => tasks.EnqueueAsync($"before{i}", ContractTimes.Command(), ContractTimes.Now)));

        await cluster.StopAsync();
        await cluster.StartAgainAsync();

        for (var i = 0; i < 4; i++)
        {
            await tasks.EnqueueAsync($"after{i}", ContractTimes.Command(), ContractTimes.Now);
            Assert.NotNull(await tasks.GetTaskAsync($"before{i}"));
        }
    }

    [Fact]
    public async Task Changes_ServerRestarted_ListenerReconnectsAndHearsOtherNodesAgain()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        var location = cluster.ConnectionString(await cluster.CreateDatabaseAsync("relisten"));
        await using var writer = await PostgresChangeSignalTests.OpenAsync(location);
        await using var reader = await PostgresChangeSignalTests.OpenAsync(location);
        var changes = reader.GetRequiredService<IEventStore>().Changes;
        await reader.GetRequiredService<PostgresDatabase>().Listener.Listening.WaitAsync(Deadline);

        await cluster.StopAsync();
        await cluster.StartAgainAsync();

        // Each round: a commit on the writer; the reader's signal must fire for it once its listener is back.
        var tasks = writer.GetRequiredService<ITaskStore>();
        var round = 0;
        await Eventually.ReturnsAsync(
            async () =>
            {
                var next = changes.Next();
                await tasks.EnqueueAsync($"t{round++}", ContractTimes.Command(), ContractTimes.Now);
                await next.WaitAsync(TimeSpan.FromSeconds(1));
                return true;
            },
            Deadline,
            "a commit on another node waking the reader after the restart");

        // And not by chance (a reconnection fires the signal once too): the next commit wakes it as well.
        var again = changes.Next();
        await tasks.EnqueueAsync("again", ContractTimes.Command(), ContractTimes.Now);
        await again.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
