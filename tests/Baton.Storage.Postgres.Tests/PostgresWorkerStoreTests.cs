using Baton.Core.Workers;
using Baton.Storage.Contract;
using Baton.Storage.Postgres.Tests.Contract;
using Baton.Testing.Postgres;

namespace Baton.Storage.Postgres.Tests;

/// <summary>The worker registry as several nodes write it at the same moment, each on its own connection pool.</summary>
public sealed class PostgresWorkerStoreTests
{
    [Fact]
    public async Task RegisterAsync_TwoNodesRegisterOneNameAtOnce_ExactlyOneWins()
    {
        var cluster = await PostgresCluster.Shared;
        var location = cluster.ConnectionString(await cluster.CreateDatabaseAsync("workers"));
        await using var first = await PostgresStores.OpenAsync(location);
        await using var second = await PostgresStores.OpenAsync(location);
        for (var round = 0; round < 20; round++)
        {
            var name = $"box-{round}";
            using var start = new ManualResetEventSlim();
            var onFirst = Task.Run(() => { start.Wait(); return first.Workers.RegisterAsync(Node(name, ContractTimes.Worker), ContractTimes.Now); });
            var onSecond = Task.Run(() => { start.Wait(); return second.Workers.RegisterAsync(Node(name, ContractTimes.OtherWorker), ContractTimes.Now); });
            start.Set();

            var outcomes = await Task.WhenAll(onFirst, onSecond);

            Assert.Single(outcomes, o => o is null);
            var winner = outcomes[0] is null ? ContractTimes.Worker : ContractTimes.OtherWorker;
            var refused = Assert.Single(outcomes, o => o is not null);
            Assert.Equal(winner, refused!.WorkerId);
            Assert.Equal(winner, Assert.Single(await first.Workers.ListAsync(), n => n.Name == name).WorkerId);
        }
    }

    [Fact]
    public async Task HeartbeatAsync_NameTakenOverByAnotherNode_FormerHolderLost()
    {
        var cluster = await PostgresCluster.Shared;
        var location = cluster.ConnectionString(await cluster.CreateDatabaseAsync("takeover"));
        await using var first = await PostgresStores.OpenAsync(location);
        await using var second = await PostgresStores.OpenAsync(location);
        await first.Workers.RegisterAsync(Node("box", ContractTimes.Worker), ContractTimes.Now);
        var later = ContractTimes.Now.AddSeconds(31);

        Assert.Null(await second.Workers.RegisterAsync(Node("box", ContractTimes.OtherWorker, later), later));

        var beat = new WorkerBeat { Name = "box", WorkerId = ContractTimes.Worker, Running = 1, Now = later, LiveUntil = later.AddSeconds(30) };
        Assert.Equal(WorkerBeatOutcome.Lost, await first.Workers.HeartbeatAsync(beat));
        Assert.Equal(WorkerBeatOutcome.Active, await second.Workers.HeartbeatAsync(beat with { WorkerId = ContractTimes.OtherWorker }));
    }

    private static WorkerNode Node(string name, string workerId, DateTimeOffset? at = null) => new()
    {
        Name = name,
        WorkerId = workerId,
        Host = workerId.Split(':')[0],
        Version = "1.2.3",
        Slots = 2,
        StartedAt = at ?? ContractTimes.Now,
        HeartbeatAt = at ?? ContractTimes.Now,
        LiveUntil = (at ?? ContractTimes.Now).AddSeconds(30),
    };
}
