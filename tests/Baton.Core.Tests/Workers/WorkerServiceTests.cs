using Baton.Core.Application;
using Baton.Core.Errors;
using Baton.Core.Tasks;
using Baton.Core.Tests.Engine.Testing;
using Baton.Core.Workers;

namespace Baton.Core.Tests.Workers;

/// <summary>The application layer over the worker registry (on a real SQLite file): the waiting notice, and drain by name.</summary>
public sealed class WorkerServiceTests
{
    [Fact]
    public async Task WaitingNoticeAsync_QueuedTaskNoActiveNodeHasTheLabelsFor_SaysSoAndHowToStartOne()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var service = new WorkerService(harness.Workers, harness.Time);
        await RegisterAsync(harness, "cpu-box", ["ssd"]);
        await RegisterAsync(harness, "drained-gpu", ["gpu=a100"]);
        await harness.Workers.SetDrainAsync("drained-gpu", drain: true);
        var id = await harness.EnqueueAsync("train", "true", d => d with { RequiresLabels = ["gpu"] });

        var notice = await service.WaitingNoticeAsync(await harness.TaskAsync(id));

        Assert.Equal("waiting: no live worker has labels gpu; start one with baton worker --label gpu", notice);
    }

    [Fact]
    public async Task WaitingNoticeAsync_AnActiveNodeHasThemOrNoneAreRequired_Null()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var service = new WorkerService(harness.Workers, harness.Time);
        await RegisterAsync(harness, "gpu-box", ["gpu=a100"]);
        var labelled = await harness.EnqueueAsync("train", "true", d => d with { RequiresLabels = ["gpu"] });
        var plain = await harness.EnqueueAsync("plain", "true");

        Assert.Null(await service.WaitingNoticeAsync(await harness.TaskAsync(labelled)));
        Assert.Null(await service.WaitingNoticeAsync(await harness.TaskAsync(plain)));

        // Once the node's last beat runs out it is gone, and the task says so.
        harness.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.NotNull(await service.WaitingNoticeAsync(await harness.TaskAsync(labelled)));
    }

    [Fact]
    public async Task WaitingNoticeAsync_PlainTaskWhileNoNodeIsActive_SaysNoneRunsTasksOrWhichDrain()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var service = new WorkerService(harness.Workers, harness.Time);
        var plain = await harness.EnqueueAsync("plain", "true");

        var noNode = await service.WaitingNoticeAsync(await harness.TaskAsync(plain));
        await RegisterAsync(harness, "alpha", []);
        await harness.Workers.SetDrainAsync("alpha", drain: true);
        var drained = await service.WaitingNoticeAsync(await harness.TaskAsync(plain));
        await harness.Workers.SetDrainAsync("alpha", drain: false);
        var resumed = await service.WaitingNoticeAsync(await harness.TaskAsync(plain));

        Assert.Equal("waiting: no live worker runs tasks; start one with baton serve or baton worker", noNode);
        Assert.Equal("waiting: every live worker is draining (alpha); resume one with baton worker resume alpha, or start one with baton serve or baton worker", drained);
        Assert.Null(resumed);
    }

    [Fact]
    public async Task DrainAsync_UnknownName_NotFoundListingTheKnownNames()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var service = new WorkerService(harness.Workers, harness.Time);
        await RegisterAsync(harness, "alpha", []);
        await RegisterAsync(harness, "beta", []);

        var error = await Assert.ThrowsAsync<BatonException>(() => service.DrainAsync("gamma"));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal("no worker named 'gamma'; known workers: alpha, beta", error.Message);
        Assert.Equal("draining", (await service.DrainAsync("alpha")).State);
        Assert.Equal("active", (await service.ResumeAsync("alpha")).State);
    }

    [Fact]
    public async Task ListAsync_NodeSilentPastItsLiveUntil_GoneWithNothingRunning()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var service = new WorkerService(harness.Workers, harness.Time);
        await RegisterAsync(harness, "alpha", [], running: 2);

        Assert.Equal(("active", 2), Single(await service.ListAsync()));
        harness.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(("gone", 0), Single(await service.ListAsync()));
    }

    private static (string, int) Single(Core.Application.Views.WorkerListView list) =>
        Assert.Single(list.Workers) is var w ? (w.State, w.RunningAttempts) : default;

    private static async Task RegisterAsync(EngineHarness harness, string name, IReadOnlyList<string> labels, int running = 0)
    {
        var now = harness.Time.GetUtcNow();
        Assert.Null(await harness.Workers.RegisterAsync(
            new WorkerNode
            {
                Name = name, WorkerId = $"{name}:1:1", Host = name, Version = "1", Slots = 2, Labels = labels, Running = running,
                StartedAt = now, HeartbeatAt = now, LiveUntil = now + WorkerNodeLiveness.GoneAfter(TimeSpan.FromSeconds(10)),
            },
            now));
    }
}
