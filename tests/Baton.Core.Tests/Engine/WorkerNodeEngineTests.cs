using Baton.Core.Engine;
using Baton.Core.Errors;
using Baton.Core.Tasks;
using Baton.Core.Tests.Engine.Testing;
using Baton.Core.Workers;

namespace Baton.Core.Tests.Engine;

/// <summary>The engine as a node of the worker registry: heartbeats, drain and resume, labels, names, stopping.</summary>
public sealed class WorkerNodeEngineTests
{
    private const string Node = "node-a";

    [Fact]
    public async Task RunAsync_AsNode_RegistersThenHeartbeatsTheRunningCountAtTheRenewalCadence()
    {
        await using var harness = await EngineHarness.CreateAsync(o => o.NodeName = Node);
        var started = harness.Time.GetUtcNow();
        harness.StartNode();
        var registered = await NodeAsync(harness, n => n.HeartbeatAt == started);
        Assert.Equal((EngineHarness.WorkerId, 1, 0), (registered.WorkerId, registered.Slots, registered.Running));
        Assert.Equal(started + WorkerNodeLiveness.GoneAfter(harness.Options.LeaseRenewInterval), registered.LiveUntil);

        var id = await harness.EnqueueAsync("long", "exec sleep 600");
        await harness.ProcessStartedAsync(id);
        harness.Time.Advance(harness.Options.LeaseRenewInterval);

        var beat = await NodeAsync(harness, n => n.HeartbeatAt == started + harness.Options.LeaseRenewInterval);
        Assert.Equal(1, beat.Running);
        Assert.Equal(WorkerNodeState.Active, beat.StateAt(harness.Time.GetUtcNow()));
    }

    [Fact]
    public async Task RunAsync_DrainRequested_ClaimsNothingNewLetsTheRunningAttemptFinishRecordsDrainedThenResumes()
    {
        // A lease long enough that moving the clock on a few renewals never fences the running attempt.
        await using var harness = await EngineHarness.CreateAsync(o => (o.NodeName, o.LeaseDuration) = (Node, TimeSpan.FromMinutes(10)));
        harness.StartNode();
        var release = Path.Combine(harness.Directory, "release");
        var running = await harness.EnqueueAsync("running", $"while [ ! -e '{release}' ]; do sleep 0.02; done");
        await harness.ProcessStartedAsync(running);

        Assert.True(await harness.Workers.SetDrainAsync(Node, drain: true));
        await RenewUntilAsync(harness, () => Task.FromResult(harness.Engine!.Draining ? harness : null), "the engine draining");
        var drainSeen = harness.Time.GetUtcNow();
        var waiting = await harness.EnqueueAsync("waiting", "true");
        await RenewUntilAsync(harness, () => NodeNowAsync(harness, n => n.HeartbeatAt > drainSeen), "a beat while draining");
        var beatAt = harness.Time.GetUtcNow();
        Assert.Equal(TaskState.Pending, (await harness.TaskAsync(waiting)).Status);
        Assert.Null(Assert.Single(await harness.Workers.ListAsync()).DrainedAt);

        // The running attempt finishes; the node says at once (no beat due: the clock stands still) that it is drained.
        await File.WriteAllTextAsync(release, string.Empty);
        await harness.StatusAsync(running, TaskState.Completed);
        var drained = await NodeAsync(harness, n => n.DrainedAt is not null);
        Assert.Equal(beatAt, drained.DrainedAt);
        Assert.Equal(WorkerNodeState.Draining, drained.StateAt(harness.Time.GetUtcNow()));
        Assert.Equal(TaskState.Pending, (await harness.TaskAsync(waiting)).Status);

        Assert.True(await harness.Workers.SetDrainAsync(Node, drain: false));
        await RenewUntilAsync(harness, async () => await harness.TaskAsync(waiting) is { Status: TaskState.Completed } done ? done : null, "the waiting task run");
        Assert.Equal(WorkerNodeState.Active, Assert.Single(await harness.Workers.ListAsync()).StateAt(harness.Time.GetUtcNow()));
    }

    [Fact]
    public async Task RunAsync_NodeWithValuedLabel_RunsTasksRequiringItsKeyOrItself()
    {
        await using var harness = await EngineHarness.CreateAsync(o => (o.NodeName, o.Labels) = (Node, ["gpu=a100"]));
        harness.StartNode();

        var byKey = await harness.EnqueueAsync("by-key", "true", d => d with { RequiresLabels = ["gpu"] });
        var exact = await harness.EnqueueAsync("exact", "true", d => d with { RequiresLabels = ["gpu=a100"] });
        var other = await harness.EnqueueAsync("other", "true", d => d with { RequiresLabels = ["gpu=h100"] });

        await harness.StatusAsync(byKey, TaskState.Completed);
        await harness.StatusAsync(exact, TaskState.Completed);
        Assert.Equal(TaskState.Pending, (await harness.TaskAsync(other)).Status);
        Assert.Equal(["gpu=a100"], Assert.Single(await harness.Workers.ListAsync()).Labels);
    }

    [Fact]
    public async Task RegisterAsync_NameHeldByALiveNode_ThrowsAConflictNamingHowToFixIt()
    {
        await using var harness = await EngineHarness.CreateAsync(o => o.NodeName = Node);
        var now = harness.Time.GetUtcNow();
        await harness.Workers.RegisterAsync(
            new WorkerNode { Name = Node, WorkerId = "elsewhere:1:1", Host = "elsewhere", Version = "1", Slots = 2, StartedAt = now, HeartbeatAt = now, LiveUntil = now.AddSeconds(30) },
            now);
        var error = await Assert.ThrowsAsync<BatonException>(() => harness.NewEngine().RegisterAsync());

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Contains("another live worker is named 'node-a' (on elsewhere", error.Message, StringComparison.Ordinal);
        Assert.Contains("--name or BATON_WORKER_NAME", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterAsync_NameHeldByThisHostFromAnotherBoot_WaitsOutItsLastBeatThenTakesTheName()
    {
        // This node before a reboot or a container restart: this host name, another place, its beat not run out yet.
        await using var harness = await EngineHarness.CreateAsync(o => o.NodeName = Node);
        var now = harness.Time.GetUtcNow();
        var earlier = EarlierSelf(harness, now);
        await harness.Workers.RegisterAsync(earlier, now);

        var registering = harness.NewEngine().RegisterAsync();
        await MoveClockUntilAsync(harness, registering, beatAs: null);

        await registering;
        var node = Assert.Single(await harness.Workers.ListAsync());
        Assert.Equal(EngineHarness.WorkerId, node.WorkerId);
        Assert.True(harness.Time.GetUtcNow() > earlier.LiveUntil, "the name was taken before the earlier holder's beat ran out");
    }

    [Fact]
    public async Task RegisterAsync_HolderOfThisHostNameBeatsMeanwhile_ThrowsTheConflict()
    {
        // Another machine or container with this host name, alive: it goes on beating while the new node waits.
        await using var harness = await EngineHarness.CreateAsync(o => o.NodeName = Node);
        var now = harness.Time.GetUtcNow();
        var other = EarlierSelf(harness, now);
        await harness.Workers.RegisterAsync(other, now);

        var registering = harness.NewEngine().RegisterAsync();
        await MoveClockUntilAsync(harness, registering, beatAs: other);

        var error = await Assert.ThrowsAsync<BatonException>(() => registering);
        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Equal(other.WorkerId, Assert.Single(await harness.Workers.ListAsync()).WorkerId);
    }

    [Fact]
    public async Task RunAsync_Stopped_NodeGoneAtOnce()
    {
        await using var harness = await EngineHarness.CreateAsync(o => o.NodeName = Node);
        harness.StartNode();
        await NodeAsync(harness, _ => true);

        await harness.StopAsync();

        var node = Assert.Single(await harness.Workers.ListAsync());
        Assert.NotNull(node.StoppedAt);
        Assert.Equal(WorkerNodeState.Gone, node.StateAt(harness.Time.GetUtcNow()));
    }

    /// <summary>A holder of the node's name with this host name but another boot's place, beating now.</summary>
    private static WorkerNode EarlierSelf(EngineHarness harness, DateTimeOffset now)
    {
        var place = WorkerIdentity.ForCurrentProcess().Split(':')[3] == "00000000" ? "ffffffff" : "00000000";
        var liveFor = WorkerNodeLiveness.GoneAfter(harness.Options.LeaseRenewInterval);
        return new WorkerNode
        {
            Name = Node, WorkerId = $"{Environment.MachineName}:4242:4242:{place}", Host = Environment.MachineName, Version = "1", Slots = 2,
            StartedAt = now, HeartbeatAt = now, LiveUntil = now + liveFor,
        };
    }

    /// <summary>
    /// Moves the clock a second at a time until <paramref name="registering"/> ends, the holder beating before
    /// each move when <paramref name="beatAs"/> is given.
    /// </summary>
    private static async Task MoveClockUntilAsync(EngineHarness harness, Task registering, WorkerNode? beatAs)
    {
        await EngineHarness.EventuallyAsync(
            async () =>
            {
                if (registering.IsCompleted)
                {
                    return registering;
                }

                var now = harness.Time.GetUtcNow();
                if (beatAs is not null)
                {
                    var live = now + WorkerNodeLiveness.GoneAfter(harness.Options.LeaseRenewInterval);
                    await harness.Workers.HeartbeatAsync(new WorkerBeat { Name = Node, WorkerId = beatAs.WorkerId, Running = 0, Now = now, LiveUntil = live });
                }

                harness.Time.Advance(TimeSpan.FromSeconds(1));
                return null;
            },
            "the registration to end");
    }

    private static Task<WorkerNode> NodeAsync(EngineHarness harness, Func<WorkerNode, bool> condition) =>
        EngineHarness.EventuallyAsync(() => NodeNowAsync(harness, condition), "the node's row");

    private static async Task<WorkerNode?> NodeNowAsync(EngineHarness harness, Func<WorkerNode, bool> condition) =>
        (await harness.Workers.ListAsync()).FirstOrDefault(n => n.Name == Node && condition(n));

    /// <summary>
    /// Moves the clock on by a renewal interval until <paramref name="probe"/> finds what it looks for. The lease loop
    /// may still be finishing its previous round when the clock moves, and its next wait then starts from the moved
    /// clock, so a move can go unseen: it is repeated after a spell of real time without the change.
    /// </summary>
    private static async Task<T> RenewUntilAsync<T>(EngineHarness harness, Func<Task<T?>> probe, string what)
        where T : class
    {
        long? movedAt = null;
        return await EngineHarness.EventuallyAsync(
            async () =>
            {
                if (await probe() is { } found)
                {
                    return found;
                }

                if (movedAt is null || TimeProvider.System.GetElapsedTime(movedAt.Value) > TimeSpan.FromMilliseconds(250))
                {
                    harness.Time.Advance(harness.Options.LeaseRenewInterval);
                    movedAt = TimeProvider.System.GetTimestamp();
                }

                return null;
            },
            what);
    }
}
