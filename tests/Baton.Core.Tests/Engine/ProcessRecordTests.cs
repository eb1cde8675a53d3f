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
}
