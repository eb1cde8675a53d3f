using Baton.Core.Storage;
using Baton.Core.Workers;

namespace Baton.Storage.Contract;

/// <summary>
/// The worker registry: a name belongs to one live process; heartbeats of that process only; drain requests reach
/// the node through its beats; a stopped or silent node frees its name, and long-gone rows are forgotten.
/// </summary>
public abstract class WorkerStoreContract : StoreContract
{
    private static readonly DateTimeOffset Now = ContractTimes.Now;

    [Fact]
    public async Task RegisterAsync_NewName_ListedWithEverythingItSaid()
    {
        await using var store = await OpenAsync();

        Assert.Null(await store.Workers.RegisterAsync(Node("gpu-1", ContractTimes.Worker, ["gpu", "repo=/srv/app"]), Now));

        var node = Assert.Single(await store.Workers.ListAsync());
        Assert.Equal(("gpu-1", ContractTimes.Worker, "host-a", "1.2.3", 4), (node.Name, node.WorkerId, node.Host, node.Version, node.Slots));
        Assert.Equal(["gpu", "repo=/srv/app"], node.Labels);
        Assert.Equal((Now, Now, Now.AddSeconds(30)), (node.StartedAt, node.HeartbeatAt, node.LiveUntil));
        Assert.Equal(WorkerNodeState.Active, node.StateAt(Now));
    }

    [Fact]
    public async Task RegisterAsync_NameHeldByALiveNode_RefusedWithTheHolderUnchanged()
    {
        await using var store = await OpenAsync();
        await store.Workers.RegisterAsync(Node("box", ContractTimes.Worker), Now);

        var holder = await store.Workers.RegisterAsync(Node("box", ContractTimes.OtherWorker), Now.AddSeconds(10));

        Assert.Equal(ContractTimes.Worker, holder?.WorkerId);
        Assert.Equal(ContractTimes.Worker, Assert.Single(await store.Workers.ListAsync()).WorkerId);
    }

    [Fact]
    public async Task RegisterAsync_HolderSilentPastItsLiveUntil_NameTakenAndDrainCleared()
    {
        await using var store = await OpenAsync();
        await store.Workers.RegisterAsync(Node("box", ContractTimes.Worker), Now);
        await store.Workers.SetDrainAsync("box", drain: true);
        var later = Now.AddSeconds(30);

        Assert.Null(await store.Workers.RegisterAsync(Node("box", ContractTimes.OtherWorker, at: later), later));

        var node = Assert.Single(await store.Workers.ListAsync());
        Assert.Equal((ContractTimes.OtherWorker, false), (node.WorkerId, node.DrainRequested));
    }

    [Fact]
    public async Task RegisterAsync_HolderStopped_NameTakenAtOnce()
    {
        await using var store = await OpenAsync();
        await store.Workers.RegisterAsync(Node("box", ContractTimes.Worker), Now);
        await store.Workers.StopAsync("box", ContractTimes.Worker, Now.AddSeconds(1));

        Assert.Equal(WorkerNodeState.Gone, Assert.Single(await store.Workers.ListAsync()).StateAt(Now.AddSeconds(1)));
        Assert.Null(await store.Workers.RegisterAsync(Node("box", ContractTimes.OtherWorker, at: Now.AddSeconds(2)), Now.AddSeconds(2)));
        Assert.Null(Assert.Single(await store.Workers.ListAsync()).StoppedAt);
    }

    [Fact]
    public async Task HeartbeatAsync_Holder_RecordsRunningAndLiveUntilAndSaysActive()
    {
        await using var store = await OpenAsync();
        await store.Workers.RegisterAsync(Node("box", ContractTimes.Worker), Now);

        var outcome = await store.Workers.HeartbeatAsync(Beat("box", ContractTimes.Worker, running: 3, at: Now.AddSeconds(10)));

        Assert.Equal(WorkerBeatOutcome.Active, outcome);
        var node = Assert.Single(await store.Workers.ListAsync());
        Assert.Equal((3, Now.AddSeconds(10), Now.AddSeconds(40)), (node.Running, node.HeartbeatAt, node.LiveUntil));
    }

    [Fact]
    public async Task HeartbeatAsync_AnotherProcessOrAStoppedNode_LostAndNothingWritten()
    {
        await using var store = await OpenAsync();
        await store.Workers.RegisterAsync(Node("box", ContractTimes.Worker), Now);

        Assert.Equal(WorkerBeatOutcome.Lost, await store.Workers.HeartbeatAsync(Beat("box", ContractTimes.OtherWorker, running: 2, at: Now.AddSeconds(10))));
        Assert.Equal(WorkerBeatOutcome.Lost, await store.Workers.HeartbeatAsync(Beat("nobody", ContractTimes.Worker, running: 2, at: Now.AddSeconds(10))));
        await store.Workers.StopAsync("box", ContractTimes.Worker, Now.AddSeconds(11));
        Assert.Equal(WorkerBeatOutcome.Lost, await store.Workers.HeartbeatAsync(Beat("box", ContractTimes.Worker, running: 2, at: Now.AddSeconds(12))));

        Assert.Equal((0, Now), (Assert.Single(await store.Workers.ListAsync()).Running, Assert.Single(await store.Workers.ListAsync()).HeartbeatAt));
    }

    [Fact]
    public async Task SetDrainAsync_ThenBeats_DrainReportedAndDrainedTimeKeptOnceUntilResumed()
    {
        await using var store = await OpenAsync();
        await store.Workers.RegisterAsync(Node("box", ContractTimes.Worker), Now);

        Assert.True(await store.Workers.SetDrainAsync("box", drain: true));
        Assert.Equal(WorkerNodeState.Draining, Assert.Single(await store.Workers.ListAsync()).StateAt(Now));
        Assert.Equal(WorkerBeatOutcome.Drain, await store.Workers.HeartbeatAsync(Beat("box", ContractTimes.Worker, running: 1, at: Now.AddSeconds(5))));
        Assert.Null(Assert.Single(await store.Workers.ListAsync()).DrainedAt);
        await store.Workers.HeartbeatAsync(Beat("box", ContractTimes.Worker, running: 0, at: Now.AddSeconds(6), drained: true));
        await store.Workers.HeartbeatAsync(Beat("box", ContractTimes.Worker, running: 0, at: Now.AddSeconds(16), drained: true));
        Assert.True(await store.Workers.SetDrainAsync("box", drain: true));
        Assert.Equal(Now.AddSeconds(6), Assert.Single(await store.Workers.ListAsync()).DrainedAt);

        Assert.True(await store.Workers.SetDrainAsync("box", drain: false));

        var resumed = Assert.Single(await store.Workers.ListAsync());
        Assert.Equal((false, (DateTimeOffset?)null), (resumed.DrainRequested, resumed.DrainedAt));
        Assert.Equal(WorkerBeatOutcome.Active, await store.Workers.HeartbeatAsync(Beat("box", ContractTimes.Worker, running: 0, at: Now.AddSeconds(20), drained: true)));
        Assert.Null(Assert.Single(await store.Workers.ListAsync()).DrainedAt);
    }

    [Fact]
    public async Task SetDrainAsync_UnknownName_False()
    {
        await using var store = await OpenAsync();

        Assert.False(await store.Workers.SetDrainAsync("nobody", drain: true));
    }

    [Fact]
    public async Task ForgetAsync_NodesGoneBeforeTheCutOff_DeletedOthersKept()
    {
        await using var store = await OpenAsync();
        await store.Workers.RegisterAsync(Node("old", ContractTimes.Worker), Now);
        await store.Workers.RegisterAsync(Node("stopped", "host-c:300:cccc"), Now);
        await store.Workers.StopAsync("stopped", "host-c:300:cccc", Now.AddSeconds(1));
        await store.Workers.RegisterAsync(Node("live", ContractTimes.OtherWorker, at: Now.AddDays(8)), Now.AddDays(8));

        Assert.Equal(2, await store.Workers.ForgetAsync(Now.AddDays(1)));

        Assert.Equal(["live"], (await store.Workers.ListAsync()).Select(n => n.Name));
    }

    [Fact]
    public async Task ListAsync_SeveralNodes_ByName()
    {
        await using var store = await OpenAsync();
        await store.Workers.RegisterAsync(Node("zeta", ContractTimes.Worker), Now);
        await store.Workers.RegisterAsync(Node("alpha", ContractTimes.OtherWorker), Now);

        Assert.Equal(["alpha", "zeta"], (await store.Workers.ListAsync()).Select(n => n.Name));
    }

    [Fact]
    public async Task ClaimAsync_WorkerAskedToDrain_ClaimsNothingBeforeItsNextBeatAndAgainOnceResumed()
    {
        await using var store = await OpenAsync();
        await store.Workers.RegisterAsync(Node("box", ContractTimes.Worker), Now);
        await store.Workers.RegisterAsync(Node("other", ContractTimes.OtherWorker), Now);
        await store.QueueAsync("first", Now.AddMinutes(-1));
        await store.QueueAsync("second", Now.AddMinutes(-1));

        await store.Workers.SetDrainAsync("box", drain: true);

        Assert.Empty(await store.Attempts.ClaimAsync(ContractTimes.Worker, Now, ContractTimes.LeaseUntil, 2));
        Assert.Equal("first", Assert.Single(await store.Attempts.ClaimAsync(ContractTimes.OtherWorker, Now, ContractTimes.LeaseUntil, 1)).Task.Definition.Name);
        await store.Workers.SetDrainAsync("box", drain: false);
        Assert.Equal("second", Assert.Single(await store.Attempts.ClaimAsync(ContractTimes.Worker, Now, ContractTimes.LeaseUntil, 2)).Task.Definition.Name);
    }

    private static WorkerNode Node(string name, string workerId, IReadOnlyList<string>? labels = null, DateTimeOffset? at = null) => new()
    {
        Name = name,
        WorkerId = workerId,
        Host = workerId.Split(':')[0],
        Version = "1.2.3",
        Slots = 4,
        Labels = labels ?? [],
        StartedAt = at ?? Now,
        HeartbeatAt = at ?? Now,
        LiveUntil = (at ?? Now).AddSeconds(30),
    };

    private static WorkerBeat Beat(string name, string workerId, int running, DateTimeOffset at, bool drained = false) => new()
    {
        Name = name, WorkerId = workerId, Running = running, Now = at, LiveUntil = at.AddSeconds(30), Drained = drained,
    };
}
