using Baton.Core.Attempts;
using Baton.Core.Events;
using Baton.Core.Interactions;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Storage.Contract;

/// <summary>Interactions withdrawn: by the agent, or with the task when it ends while it waits.</summary>
public abstract class InteractionWithdrawalContract : StoreContract
{
    [Fact]
    public async Task WithdrawAsync_Open_TaskRunningAgainAndSecondWithdrawFalse()
    {
        await using var store = await OpenAsync();
        var (claim, open) = await store.AskAsync("ask");

        var first = await store.Interactions.WithdrawAsync(open.Id, "the agent took it back", ContractTimes.Now.AddSeconds(2));
        var second = await store.Interactions.WithdrawAsync(open.Id, "again", ContractTimes.Now.AddSeconds(3));

        Assert.True(first);
        Assert.False(second);
        var withdrawn = await store.InteractionAsync(open.Id);
        Assert.Equal((InteractionStatus.Withdrawn, "the agent took it back"), (withdrawn.Status, withdrawn.CloseReason));
        Assert.Equal(TaskState.Running, await store.StatusAsync(claim.Task.Id));
    }

    [Fact]
    public async Task FinishAsync_TaskEndsWhileWaiting_OpenInteractionsWithdrawnInTheSameChange()
    {
        await using var store = await OpenAsync();
        var (claim, open) = await store.AskAsync("ask");
        var cancel = await store.Tasks.CancelAsync(claim.Task.Id, ContractTimes.Now.AddSeconds(2));

        var finished = await store.EndAsync(claim, AttemptState.Cancelled, TaskState.Cancelled, "cancelled");

        Assert.Equal(CancelOutcome.Requested, cancel.Outcome);
        Assert.NotEqual(FinishOutcome.Rejected, finished);
        Assert.Equal(TaskState.Cancelled, await store.StatusAsync(claim.Task.Id));
        var withdrawn = await store.InteractionAsync(open.Id);
        Assert.Equal((InteractionStatus.Withdrawn, "the task was cancelled"), (withdrawn.Status, withdrawn.CloseReason));
        var ended = (await store.EventsOfAsync(claim.Task.Id))[^1];
        Assert.Equal((EventTypes.TaskCancelled, "input_required"), (ended.Type, ended.OldStatus));
    }

    [Fact]
    public async Task FinishAsync_TaskFailsWhileWaiting_WithdrawnAsFailed()
    {
        await using var store = await OpenAsync();
        var (claim, open) = await store.AskAsync("ask");

        await store.EndAsync(claim, AttemptState.Failed, TaskState.Failed, "the CLI crashed");

        Assert.Equal(TaskState.Failed, await store.StatusAsync(claim.Task.Id));
        Assert.Equal("the task failed", (await store.InteractionAsync(open.Id)).CloseReason);
    }
}
