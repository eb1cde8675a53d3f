using Baton.Core.Attempts;
using Baton.Core.Tasks;
using Baton.Core.Tests.Engine.Testing;

namespace Baton.Core.Tests.Engine;

/// <summary>A process whose start cannot be recorded (the store out of reach) runs on under its lease: its work is done once.</summary>
public sealed class ProcessRecordTests
{
    [Fact]
    public async Task RunAsync_StoreUnreachableWhenTheProcessIsRecorded_RecordsTheProcessEndAndRunsTheTaskOnce()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var runs = Path.Combine(harness.Directory, "runs");
        var store = new UnreachableOnProcessRecordStore(harness.Attempts, () => File.Exists(runs) && new FileInfo(runs).Length > 0);
        harness.Start(store);

        var id = await harness.EnqueueAsync("once", $"echo run >> '{runs}'");
        var task = await EngineHarness.EventuallyAsync(
            async () => await harness.TaskAsync(id) is { Status: not (TaskState.Pending or TaskState.Running) } ended ? ended : null,
            "the first attempt's end");

        Assert.Equal(1, store.Refused);
        Assert.Equal(TaskState.Completed, task.Status);
        var attempt = Assert.Single(await harness.AttemptsOfAsync(id));
        Assert.Equal(AttemptState.Completed, attempt.Status);
        Assert.Equal(0, attempt.ExitCode);
        Assert.Single(await File.ReadAllLinesAsync(runs));
    }

    [Fact]
    public async Task RunAsync_StoreBackWhileTheProcessRuns_RecordsTheProcessSoARescueCanStopIt()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var release = Path.Combine(harness.Directory, "release");
        var store = new UnreachableOnProcessRecordStore(harness.Attempts, () => true, refusals: 3);
        harness.Start(store);

        // The process runs until the test lets it end, so its pid can only have been recorded while it ran.
        var id = await harness.EnqueueAsync("long", $"while [ ! -e '{release}' ]; do sleep 0.05; done");
        // The engine's retries wait on its clock: move it on until the record goes through.
        var recorded = await EngineHarness.EventuallyAsync(
            async () =>
            {
                harness.Time.Advance(TimeSpan.FromMilliseconds(250));
                return (await harness.AttemptsOfAsync(id)).FirstOrDefault(a => a.Process is not null);
            },
            "the process recorded once the store answers again");

        Assert.Equal(3, store.Refused);
        Assert.Equal(AttemptState.Running, recorded.Status);
        Assert.True(recorded.Process!.ProcessId > 0);
        await File.WriteAllTextAsync(release, "");
        var task = await harness.StatusAsync(id, TaskState.Completed);
        Assert.Equal(1, task.AttemptCount);
    }
}
