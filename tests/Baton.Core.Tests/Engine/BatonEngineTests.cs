using Baton.Core.Storage;
using Baton.Core.Attempts;
using Baton.Core.Tasks;
using Baton.Core.Tests.Engine.Testing;

namespace Baton.Core.Tests.Engine;

/// <summary>The engine in this process on a real SQLite file, with the clock moved by the test.</summary>
public sealed class BatonEngineTests
{
    [Fact]
    public async Task RunAsync_QueuedBeforeStart_ClaimsByPriorityThenAge()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var order = Path.Combine(harness.Directory, "order.txt");
        var ids = new List<string>();
        foreach (var (name, priority) in new[] { ("low", TaskPriority.Low), ("normal1", TaskPriority.Normal), ("high", TaskPriority.High), ("normal2", TaskPriority.Normal) })
        {
            ids.Add(await harness.EnqueueAsync(name, $"echo {name} >> '{order}'", d => d with { Priority = priority }));
            harness.Time.Advance(TimeSpan.FromSeconds(1));
        }

        harness.Start();
        foreach (var id in ids)
        {
            await harness.StatusAsync(id, TaskState.Completed);
        }

        Assert.Equal(["high", "normal1", "normal2", "low"], await File.ReadAllLinesAsync(order));
    }

    [Fact]
    public async Task RunAsync_FailureWithFixedBackoff_RetriesWhenTheDelayHasPassed()
    {
        await using var harness = await EngineHarness.CreateAsync(o => o.Retry.BaseDelay = TimeSpan.FromSeconds(30));
        harness.Start();
        var started = harness.Time.GetUtcNow();

        var id = await harness.EnqueueAsync("flaky", "exit 3", d => d with { MaxRetries = 1, RetryBackoff = RetryBackoff.Fixed });
        var retrying = await harness.StatusAsync(id, TaskState.Retrying);

        Assert.Equal(started + TimeSpan.FromSeconds(30), retrying.DueAt);
        harness.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(TaskState.Retrying, (await harness.TaskAsync(id)).Status);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        // The engine computes its wait from the clock, then makes the timer: a fake clock advanced in between leaves
        // that timer one advance late (on the real clock nothing jumps). A wake-up, as a daemon gets from every queued
        // task, makes it look at once; the retry is claimed only because it is due.
        harness.Signal.NotifyWorkQueued();
        var failed = await harness.StatusAsync(id, TaskState.Failed);
        Assert.Equal(2, failed.AttemptCount);
        Assert.Equal(started + TimeSpan.FromSeconds(30), (await harness.AttemptsOfAsync(id))[^1].StartedAt);
    }

    [Fact]
    public async Task RunAsync_TimeoutPasses_StopsTheProcessAndTimesTheTaskOut()
    {
        await using var harness = await EngineHarness.CreateAsync();
        harness.Start();

        var id = await harness.EnqueueAsync("slow", "exec sleep 600", d => d with { TimeoutSeconds = 5, MaxRetries = 0 });
        await harness.ProcessStartedAsync(id);
        harness.Time.Advance(TimeSpan.FromSeconds(5));

        var task = await harness.StatusAsync(id, TaskState.TimedOut);
        Assert.Equal(AttemptState.TimedOut, Assert.Single(await harness.AttemptsOfAsync(id)).Status);
        Assert.Contains("timed out after 5 s", task.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CancelRequested_StopsTheProcessAndCancelsTheTask()
    {
        await using var harness = await EngineHarness.CreateAsync();
        harness.Start();

        var id = await harness.EnqueueAsync("long", "exec sleep 600");
        await harness.ProcessStartedAsync(id);
        await harness.Tasks.CancelAsync(id, harness.Time.GetUtcNow());
        harness.Signal.NotifyAttention();

        await harness.StatusAsync(id, TaskState.Cancelled);
        Assert.Equal(AttemptState.Cancelled, Assert.Single(await harness.AttemptsOfAsync(id)).Status);
    }

    [Fact]
    public async Task RunAsync_OtherWorkersLeaseExpired_RescuesAndRunsTheTaskAgain()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var id = await harness.EnqueueAsync("orphan", "true");
        var now = harness.Time.GetUtcNow();
        var gone = await harness.Attempts.ClaimNextAsync("elsewhere:42:42", now, now + TimeSpan.FromSeconds(30));
        Assert.Equal(id, gone?.Task.Id);
        harness.Start();

        // The rescue happens at the first renewal after the lease ran out.
        harness.Time.Advance(TimeSpan.FromSeconds(30));
        var task = await harness.StatusAsync(id, TaskState.Completed);

        Assert.Equal(1, task.RescueCount);
        var attempts = await harness.AttemptsOfAsync(id);
        Assert.Equal([AttemptState.Interrupted, AttemptState.Completed], attempts.Select(a => a.Status));
        Assert.Equal(["elsewhere:42:42", EngineHarness.WorkerId], attempts.Select(a => a.WorkerId));
    }
}
