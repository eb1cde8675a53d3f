using Baton.Core.Attempts;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Storage.Sqlite.Tests.Testing;

namespace Baton.Storage.Sqlite.Tests.Workflows;

/// <summary>What FinishAsync tells the engine: whether the end moved dependents on (so it should claim again).</summary>
public sealed class SqliteAttemptStoreAdvanceTests
{
    private static readonly DateTimeOffset T0 = TestTasks.Now;

    [Fact]
    public async Task FinishAsync_LastTaskOfPhase_AdvancedAndNextPhaseClaimable()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var wf = new TestWorkflow().Phase("a").Phase("b", "a").Task("a", "a1").Task("a", "a2").Task("b", "b1");
        await db.CreateAsync(wf.Blueprint());
        var claims = await db.ClaimAllAsync();

        var first = await db.Attempts.FinishAsync(Completed(claims[0]));
        var blockedMeanwhile = await db.TaskAsync(wf["b1"]);
        var last = await db.Attempts.FinishAsync(Completed(claims[1]));

        // The first end leaves its phase running: nothing else moves, so the rules are not even asked.
        Assert.Equal(FinishOutcome.Recorded, first);
        Assert.True(blockedMeanwhile.Blocked);
        Assert.Equal(FinishOutcome.RecordedAndAdvanced, last);
        Assert.Equal(wf["b1"], (await db.TryClaimAsync(T0.AddMinutes(1)))?.Task.Id);
    }

    [Fact]
    public async Task FinishAsync_TaskOnItsOwnWithoutDependents_RecordedOnly()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var id = await EnqueueAsync(db, TestTasks.Definition());
        var claim = await db.ClaimAsync(id);

        Assert.Equal(FinishOutcome.Recorded, await db.Attempts.FinishAsync(Completed(claim)));
    }

    [Fact]
    public async Task FinishAsync_TaskWithADependent_Advanced()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        var upstream = await EnqueueAsync(db, TestTasks.Definition());
        var dependent = await EnqueueAsync(db, TestTasks.Definition("after") with { DependsOn = [upstream] });
        var claim = await db.ClaimAsync(upstream);

        Assert.Equal(FinishOutcome.RecordedAndAdvanced, await db.Attempts.FinishAsync(Completed(claim)));
        Assert.False((await db.TaskAsync(dependent)).Blocked);
    }

    private static async Task<string> EnqueueAsync(WorkflowDatabase db, TaskDefinition definition) =>
        (await db.Tasks.EnqueueAsync(TaskIds.New(), definition, T0)).Task.Id;

    private static AttemptFinish Completed(Claim claim) =>
        StoreSteps.Finish(claim, AttemptState.Completed, TaskState.Completed, endedAt: T0.AddSeconds(1), result: "ok");
}
